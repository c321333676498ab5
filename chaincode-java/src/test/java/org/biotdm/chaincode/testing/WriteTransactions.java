package org.biotdm.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.biotdm.chaincode.device.DeviceBatch;
import org.hyperledger.fabric.contract.Context;

/**
 * Every write transaction with a starting state in which it succeeds for the right caller, and the callers it
 * allows among the role-matrix identities.
 */
public final class WriteTransactions {
    /** The identities of the role matrix. */
    public static final List<Identity> MATRIX_IDENTITIES = List.of(
            Identity.ORG1_ADMIN,
            Identity.ORG1_OPERATOR,
            Identity.ORG1_AUDITOR,
            Identity.ORG1_GATEWAY,
            Identity.ORG1_AUTOMATION,
            Identity.ORG2_ADMIN,
            Identity.UNKNOWN_MSP);

    private WriteTransactions() {}

    /** One write transaction in a ready state. */
    public static final class Case {
        private final String name;
        private final Consumer<Fleet> setup;
        private final BiFunction<Fleet, Context, String> call;
        private final Map<String, byte[]> transientData;
        private final Set<Identity> allowed;

        Case(
                final String name,
                final Consumer<Fleet> setup,
                final BiFunction<Fleet, Context, String> call,
                final Map<String, byte[]> transientData,
                final Set<Identity> allowed) {
            this.name = name;
            this.setup = setup;
            this.call = call;
            this.transientData = transientData;
            this.allowed = allowed;
        }

        public String name() {
            return name;
        }

        public Set<Identity> allowed() {
            return allowed;
        }

        /** Builds a fleet in the starting state. */
        public Fleet prepare() {
            final Fleet fleet = new Fleet();
            setup.accept(fleet);
            fleet.world.advance(1000);
            return fleet;
        }

        /** Submits the transaction as {@code who}. */
        public String submit(final Fleet fleet, final Identity who) {
            return fleet.world.submit(who, transientData, ctx -> call.apply(fleet, ctx));
        }

        /** Endorses the transaction twice as {@code who} without committing. */
        public List<Endorsement> endorseTwice(final Fleet fleet, final Identity who) {
            return fleet.world.endorseTwice(who, transientData, ctx -> call.apply(fleet, ctx));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case of(
            final String name,
            final Consumer<Fleet> setup,
            final BiFunction<Fleet, Context, String> call,
            final Identity... allowed) {
        return new Case(name, setup, call, Map.of(), Set.of(allowed));
    }

    /** The cases, one per write transaction. */
    public static List<Case> all() {
        final String device = Fleet.DEVICE;
        return List.of(
                of(
                        "RegisterDevice",
                        f -> {},
                        (f, ctx) -> f.devices.registerDevice(ctx, f.registerWithKey("d-new")),
                        Identity.ORG1_ADMIN,
                        Identity.ORG2_ADMIN),
                new Case(
                        "ClaimDevice",
                        f -> f.world.submit(
                                Identity.ORG1_ADMIN, ctx -> f.devices.registerDevice(ctx, f.registerWithToken(device))),
                        (f, ctx) -> f.devices.claimDevice(
                                ctx,
                                Args.json(
                                        "deviceId", device,
                                        "publicKeyPem", f.deviceKey.publicKeyPem(),
                                        "certFingerprint", f.deviceKey.fingerprint())),
                        Fleet.claimToken(Fleet.CLAIM_TOKEN),
                        Set.of(Identity.ORG1_GATEWAY)),
                of(
                        "RegisterDevices",
                        f -> {},
                        (f, ctx) ->
                                f.devices.registerDevices(ctx, "{\"devices\":[" + f.registerWithToken("d-new") + "]}"),
                        Identity.ORG1_ADMIN,
                        Identity.ORG2_ADMIN),
                new Case(
                        "ClaimDevices",
                        f -> f.world.submit(
                                Identity.ORG1_ADMIN, ctx -> f.devices.registerDevice(ctx, f.registerWithToken(device))),
                        (f, ctx) -> f.devices.claimDevices(
                                ctx,
                                "{\"claims\":["
                                        + Args.json(
                                                "deviceId", device,
                                                "publicKeyPem", f.deviceKey.publicKeyPem(),
                                                "certFingerprint", f.deviceKey.fingerprint())
                                        + "]}"),
                        Map.of(DeviceBatch.claimTokenTransient(device), Fleet.CLAIM_TOKEN.getBytes(UTF_8)),
                        Set.of(Identity.ORG1_GATEWAY)),
                of(
                        "ActivateDevice",
                        f -> f.registered(device),
                        (f, ctx) -> f.devices.activateDevice(ctx, Args.json("deviceId", device)),
                        Identity.ORG1_ADMIN),
                of(
                        "SuspendDevice",
                        f -> f.active(device),
                        (f, ctx) -> f.devices.suspendDevice(ctx, Args.json("deviceId", device, "reason", "audit")),
                        Identity.ORG1_ADMIN),
                of(
                        "ReactivateDevice",
                        f -> f.suspended(device),
                        (f, ctx) -> f.devices.reactivateDevice(ctx, Args.json("deviceId", device)),
                        Identity.ORG1_ADMIN),
                of(
                        "DecommissionDevice",
                        f -> f.suspended(device),
                        (f, ctx) -> f.devices.decommissionDevice(ctx, Args.json("deviceId", device)),
                        Identity.ORG1_ADMIN),
                of(
                        "RotateDeviceKey",
                        f -> f.active(device),
                        (f, ctx) -> f.devices.rotateDeviceKey(
                                ctx,
                                Args.json(
                                        "deviceId", device,
                                        "publicKeyPem", f.nextKey.publicKeyPem(),
                                        "certFingerprint", f.nextKey.fingerprint())),
                        Identity.ORG1_ADMIN,
                        Identity.ORG1_GATEWAY),
                of(
                        "UpdateDeviceMetadata",
                        f -> f.active(device),
                        (f, ctx) -> f.devices.updateDeviceMetadata(
                                ctx, Args.json("deviceId", device, "metadata", Args.map("floor", "3"))),
                        Identity.ORG1_ADMIN),
                of(
                        "GrantDeviceAccess",
                        f -> f.active(device),
                        (f, ctx) -> f.grants.grantDeviceAccess(ctx, f.grantToOrg2("g-1", device)),
                        Identity.ORG1_ADMIN),
                of(
                        "RevokeDeviceAccess",
                        f -> f.active(device).granted("g-1", device),
                        (f, ctx) -> f.grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1")),
                        Identity.ORG1_ADMIN),
                of(
                        "IssueCommand",
                        f -> {
                            f.active(device);
                            f.world.submit(
                                    Identity.ORG1_ADMIN,
                                    ctx -> f.grants.grantDeviceAccess(
                                            ctx, f.grantToOrg2("g-own", device).replace("Org2MSP", "Org1MSP")));
                        },
                        (f, ctx) -> f.commands.issueCommand(ctx, f.issueReboot("c-1", device)),
                        Identity.ORG1_OPERATOR),
                of(
                        "MarkCommandDelivered",
                        f -> f.issued("c-1"),
                        (f, ctx) -> f.commands.markCommandDelivered(ctx, Args.json("commandId", "c-1")),
                        Identity.ORG1_GATEWAY),
                of(
                        "CompleteCommand",
                        f -> f.issued("c-1"),
                        (f, ctx) -> f.commands.completeCommand(ctx, f.completion("c-1", "SUCCEEDED")),
                        Identity.ORG1_GATEWAY),
                of(
                        "AnchorTelemetry",
                        f -> {},
                        (f, ctx) ->
                                f.anchors.anchorTelemetry(ctx, Fleet.anchor("Org1MSP-w-1", World.T0, "ab".repeat(32))),
                        Identity.ORG1_GATEWAY),
                of(
                        "PublishFirmware",
                        Fleet::withFirmwareKey,
                        (f, ctx) -> f.firmware.publishFirmware(ctx, f.publish("1.2.0")),
                        Identity.ORG1_ADMIN),
                of(
                        "RegisterFirmwareSigningKey",
                        f -> {},
                        (f, ctx) -> f.firmware.registerFirmwareSigningKey(
                                ctx, Args.json("publicKeyPem", f.firmwareKey.publicKeyPem())),
                        Identity.ORG1_ADMIN,
                        Identity.ORG2_ADMIN),
                of(
                        "RevokeFirmwareSigningKey",
                        Fleet::withFirmwareKey,
                        (f, ctx) -> f.firmware.revokeFirmwareSigningKey(
                                ctx,
                                Args.json(
                                        "manufacturerMsp",
                                        "Org1MSP",
                                        "keyId",
                                        Fleet.keyId(f.firmwareKey),
                                        "reason",
                                        "rotated")),
                        Identity.ORG1_ADMIN),
                of(
                        "SetFirmwareApprovalPolicy",
                        f -> {},
                        (f, ctx) -> f.firmware.setFirmwareApprovalPolicy(
                                ctx, Args.json("members", List.of("Org1MSP", "Org2MSP"), "approvals", 1L)),
                        Identity.ORG1_ADMIN,
                        Identity.ORG2_ADMIN),
                of(
                        "RevokeFirmware",
                        f -> f.published("1.2.0"),
                        (f, ctx) -> f.firmware.revokeFirmware(
                                ctx, Args.json("model", Fleet.MODEL, "version", "1.2.0", "reason", "bug")),
                        Identity.ORG1_ADMIN),
                of(
                        "RecordFirmwareUpdate",
                        f -> f.active(device).published("1.2.0"),
                        (f, ctx) -> f.firmware.recordFirmwareUpdate(ctx, f.installed(device, "1.2.0")),
                        Identity.ORG1_ADMIN,
                        Identity.ORG1_GATEWAY),
                of(
                        "CreateGroup",
                        f -> {},
                        (f, ctx) -> f.groups.createGroup(
                                ctx, Args.json("groupId", "hall", "policy", Fleet.groupPolicy(false))),
                        Identity.ORG1_ADMIN,
                        Identity.ORG2_ADMIN),
                of(
                        "AddGroupMember",
                        f -> f.active(device).grouped("hall", false),
                        (f, ctx) -> f.groups.addGroupMember(ctx, Args.json("groupId", "hall", "deviceId", device)),
                        Identity.ORG1_ADMIN),
                of(
                        "RemoveGroupMember",
                        f -> f.active(device).grouped("hall", false, device),
                        (f, ctx) -> f.groups.removeGroupMember(ctx, Args.json("groupId", "hall", "deviceId", device)),
                        Identity.ORG1_ADMIN),
                of(
                        "SetGroupPolicy",
                        f -> f.grouped("hall", false),
                        (f, ctx) -> f.groups.setGroupPolicy(
                                ctx, Args.json("groupId", "hall", "policy", Fleet.groupPolicy(true, "reboot"))),
                        Identity.ORG1_ADMIN),
                of(
                        "RegisterRule",
                        f -> f.grouped("hall", false),
                        (f, ctx) -> f.rules.registerRule(ctx, Fleet.ruleOnGroup("r-1", "hall")),
                        Identity.ORG1_ADMIN),
                of(
                        "UpdateRule",
                        f -> f.grouped("hall", false).ruled("r-1", "hall"),
                        (f, ctx) -> f.rules.updateRule(ctx, Fleet.ruleOnGroup("r-1", "hall")),
                        Identity.ORG1_ADMIN),
                of(
                        "EnableRule",
                        f -> f.grouped("hall", false).ruled("r-1", "hall"),
                        (f, ctx) -> f.rules.enableRule(ctx, Args.json("ruleId", "r-1")),
                        Identity.ORG1_ADMIN),
                of(
                        "DisableRule",
                        f -> f.grouped("hall", false).ruled("r-1", "hall"),
                        (f, ctx) -> f.rules.disableRule(ctx, Args.json("ruleId", "r-1")),
                        Identity.ORG1_ADMIN),
                of(
                        "SetDesiredConfiguration",
                        f -> f.active(device),
                        (f, ctx) -> f.configuration.setDesiredConfiguration(ctx, f.desiredConfiguration(1)),
                        Identity.ORG1_ADMIN),
                of(
                        "ReportConfiguration",
                        f -> f.configured(1),
                        (f, ctx) -> f.configuration.reportConfiguration(
                                ctx, f.configurationReport(1, "SUCCEEDED", Fleet.configurationSha256(1), null)),
                        Identity.ORG1_GATEWAY));
    }
}
