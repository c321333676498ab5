package org.biotdm.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.chaincode.anchor.AnchorContract;
import org.biotdm.chaincode.audit.AuditContract;
import org.biotdm.chaincode.automation.RuleContract;
import org.biotdm.chaincode.command.CommandContract;
import org.biotdm.chaincode.configuration.ConfigurationContract;
import org.biotdm.chaincode.device.DeviceContract;
import org.biotdm.chaincode.firmware.FirmwareContract;
import org.biotdm.chaincode.firmware.SigningKeyStore;
import org.biotdm.chaincode.grant.GrantContract;
import org.biotdm.chaincode.group.GroupContract;
import org.biotdm.chaincode.support.Hashes;
import org.biotdm.chaincode.support.Keys;

/**
 * A world with the BIoT-DM contracts and the steps most tests start from. Org1 owns device {@code d-1}, of model
 * {@code Org1MSP/env-sensor}, with a real P-256 key.
 */
public final class Fleet {
    public static final String DEVICE = "d-1";
    public static final String MODEL = "Org1MSP/env-sensor";
    public static final String PARAMS_SHA256 = Hashes.sha256Hex("{\"delay\":5}".getBytes(UTF_8));
    public static final String RESULT_SHA256 = Hashes.sha256Hex("ok".getBytes(UTF_8));
    public static final String CLAIM_TOKEN = "claim-token-0123456789";
    public static final String CLAIM_TOKEN_SHA256 = Hashes.sha256Hex(CLAIM_TOKEN.getBytes(UTF_8));
    public static final String FIRMWARE_SHA256 = Hashes.sha256Hex("image".getBytes(UTF_8));

    public final World world = new World();
    public final DeviceContract devices = new DeviceContract();
    public final GrantContract grants = new GrantContract();
    public final CommandContract commands = new CommandContract();
    public final AnchorContract anchors = new AnchorContract();
    public final FirmwareContract firmware = new FirmwareContract();
    public final AuditContract audit = new AuditContract();
    public final GroupContract groups = new GroupContract();
    public final RuleContract rules = new RuleContract();
    public final ConfigurationContract configuration = new ConfigurationContract();
    public final DeviceKeyPair deviceKey = DeviceKeyPair.p256();
    /** Org1's firmware-signing key, never a device key. */
    public final DeviceKeyPair firmwareKey = DeviceKeyPair.p256();
    /** A second key, for rotations. */
    public final DeviceKeyPair nextKey = DeviceKeyPair.p256();

    private final Map<String, String> signedCompletions = new HashMap<>();
    /** Signed firmware arguments by purpose, so that two endorsements of one proposal see the same bytes. */
    private final Map<String, String> signedRequests = new HashMap<>();

    /** The RegisterDevice argument for a device registered with {@link #deviceKey}. */
    public String registerWithKey(final String deviceId) {
        return Args.json(
                "deviceId",
                deviceId,
                "deviceType",
                "env-sensor",
                "model",
                MODEL,
                "firmwareVersion",
                "1.0.0",
                "group",
                "plant-1",
                "metadata",
                Args.map("site", "Lyon"),
                "publicKeyPem",
                deviceKey.publicKeyPem(),
                "certFingerprint",
                deviceKey.fingerprint());
    }

    /** The RegisterDevice argument for a zero-touch device with {@link #CLAIM_TOKEN}. */
    public String registerWithToken(final String deviceId) {
        return Args.json(
                "deviceId",
                deviceId,
                "deviceType",
                "env-sensor",
                "model",
                MODEL,
                "firmwareVersion",
                "1.0.0",
                "group",
                "plant-1",
                "claimTokenSha256",
                CLAIM_TOKEN_SHA256);
    }

    /** Registers {@code deviceId} with its key as Org1's admin. */
    public Fleet registered(final String deviceId) {
        world.submit(Identity.ORG1_ADMIN, ctx -> devices.registerDevice(ctx, registerWithKey(deviceId)));
        return this;
    }

    /** Registers and activates {@code deviceId}. */
    public Fleet active(final String deviceId) {
        registered(deviceId);
        world.submit(Identity.ORG1_ADMIN, ctx -> devices.activateDevice(ctx, Args.json("deviceId", deviceId)));
        return this;
    }

    /** Registers, activates and suspends {@code deviceId}. */
    public Fleet suspended(final String deviceId) {
        active(deviceId);
        world.submit(
                Identity.ORG1_ADMIN,
                ctx -> devices.suspendDevice(ctx, Args.json("deviceId", deviceId, "reason", "maintenance")));
        return this;
    }

    /** Starts a transaction on a bare stub, for tests that drive the Contract API router directly. */
    public static void beginOn(
            final InMemoryStub stub, final String txId, final Instant time, final Map<String, byte[]> transientData) {
        stub.begin(txId, time, transientData);
    }

    /** The claim token as transient data. */
    public static Map<String, byte[]> claimToken(final String token) {
        return Map.of("claimToken", token.getBytes(UTF_8));
    }

    /** The GrantDeviceAccess argument letting every Org2 operator send reboots to {@code deviceId} for a day. */
    public String grantToOrg2(final String grantId, final String deviceId) {
        return Args.json(
                "grantId",
                grantId,
                "granteeMsp",
                "Org2MSP",
                "deviceId",
                deviceId,
                "commandTypes",
                List.of("reboot", "configure"),
                "expiresAt",
                world.now() + 86_400_000L);
    }

    /** The GrantDeviceAccess argument letting every Org2 operator send reboots to Org1's group plant-1 for a day. */
    public String groupGrantToOrg2(final String grantId) {
        return Args.json(
                "grantId",
                grantId,
                "granteeMsp",
                "Org2MSP",
                "deviceGroup",
                "plant-1",
                "commandTypes",
                List.of("reboot"),
                "expiresAt",
                world.now() + 86_400_000L);
    }

    /** Grants every Org2 operator reboot and configure on {@code deviceId}. */
    public Fleet granted(final String grantId, final String deviceId) {
        world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, grantToOrg2(grantId, deviceId)));
        return this;
    }

    /** The IssueCommand argument for a reboot expiring in an hour. */
    public String issueReboot(final String commandId, final String deviceId) {
        return Args.json(
                "commandId", commandId,
                "deviceId", deviceId,
                "commandType", "reboot",
                "parametersSha256", PARAMS_SHA256,
                "expiresAt", world.now() + 3_600_000L);
    }

    /** Activates {@link #DEVICE}, grants Org2 and issues reboot command {@code commandId} as Org2's operator. */
    public Fleet issued(final String commandId) {
        active(DEVICE);
        granted("g-1", DEVICE);
        world.submit(Identity.ORG2_OPERATOR, ctx -> commands.issueCommand(ctx, issueReboot(commandId, DEVICE)));
        return this;
    }

    /** The group policy allowing reboot and configure, co-endorsed by grant holders when asked. */
    public static Map<String, Object> groupPolicy(final boolean coEndorse, final String... commandTypes) {
        return Args.map(
                "commandTypes",
                commandTypes.length == 0 ? List.of("configure", "reboot") : List.of(commandTypes),
                "firmwareChannel",
                "stable",
                "coEndorseGrantees",
                coEndorse);
    }

    /** Creates Org1's group {@code groupId} with {@link #groupPolicy} and adds {@code members} to it. */
    public Fleet grouped(final String groupId, final boolean coEndorse, final String... members) {
        world.submit(
                Identity.ORG1_ADMIN,
                ctx -> groups.createGroup(
                        ctx, Args.json("groupId", groupId, "description", "hall", "policy", groupPolicy(coEndorse))));
        for (final String member : members) {
            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> groups.addGroupMember(ctx, Args.json("groupId", groupId, "deviceId", member)));
        }
        return this;
    }

    /** The RegisterRule argument: when occupancy of group {@code groupId} reaches 1, reboot its members. */
    public static String ruleOnGroup(final String ruleId, final String groupId) {
        return Args.json(
                "ruleId",
                ruleId,
                "condition",
                Args.map(
                        "kind",
                        "metric",
                        "sensor",
                        "Occupancy",
                        "comparison",
                        ">=",
                        "threshold",
                        "1",
                        "groupId",
                        groupId),
                "action",
                Args.map("commandType", "reboot", "parameters", "{\"delay\":5}", "groupId", groupId),
                "cooldownSeconds",
                60L);
    }

    /** Registers {@link #ruleOnGroup} as Org1's admin. */
    public Fleet ruled(final String ruleId, final String groupId) {
        world.submit(Identity.ORG1_ADMIN, ctx -> rules.registerRule(ctx, ruleOnGroup(ruleId, groupId)));
        return this;
    }

    /** The IssueCommand argument for a reboot authorised by rule {@code ruleId}, triggered by two readings. */
    public String issueByRule(final String commandId, final String deviceId, final String ruleId) {
        return Args.json(
                "commandId",
                commandId,
                "deviceId",
                deviceId,
                "commandType",
                "reboot",
                "parametersSha256",
                PARAMS_SHA256,
                "expiresAt",
                world.now() + 3_600_000L,
                "rule",
                Args.map("ruleId", ruleId, "windowId", "Org1MSP-w-7", "readingIds", List.of("r-2", "r-1")));
    }

    /** The receipt the device signs for a reboot command of {@link #DEVICE}. */
    public static String receipt(final String commandId, final String status, final String resultSha256) {
        return "biotdm-receipt-v1\n"
                + "commandId=" + commandId + "\n"
                + "deviceId=" + DEVICE + "\n"
                + "commandType=reboot\n"
                + "parametersSha256=" + PARAMS_SHA256 + "\n"
                + "status=" + status + "\n"
                + "resultSha256=" + resultSha256 + "\n";
    }

    /**
     * The CompleteCommand argument signed by {@link #deviceKey}; ECDSA signing is randomised, so the argument is
     * made once per command and status and then reused, as a retried proposal would be.
     */
    public String completion(final String commandId, final String status) {
        return signedCompletions.computeIfAbsent(
                commandId + "/" + status,
                k -> Args.json(
                        "commandId", commandId,
                        "status", status,
                        "resultSha256", RESULT_SHA256,
                        "signature", deviceKey.signDer(receipt(commandId, status, RESULT_SHA256))));
    }

    /** SHA-256 of the canonical configuration document of {@code version}: {"intervalMs":<version * 1000>}. */
    public static String configurationSha256(final long version) {
        return Hashes.sha256Hex(configurationDocument(version).getBytes(UTF_8));
    }

    /** The canonical configuration document of {@code version}. */
    public static String configurationDocument(final long version) {
        return "{\"intervalMs\":" + version * 1000 + "}";
    }

    /** The SetDesiredConfiguration argument for {@link #DEVICE}, version {@code version}, command {@code cfg-<v>}. */
    public String desiredConfiguration(final long version) {
        return Args.json(
                "deviceId",
                DEVICE,
                "version",
                version,
                "sha256",
                configurationSha256(version),
                "sizeBytes",
                (long) configurationDocument(version).length(),
                "commandId",
                "cfg-" + version,
                "expiresAt",
                world.now() + 3_600_000L);
    }

    /** Activates {@link #DEVICE} and has Org1's admin set desired versions 1 to {@code versions}. */
    public Fleet configured(final long versions) {
        active(DEVICE);
        for (long version = 1; version <= versions; version++) {
            final String request = desiredConfiguration(version);
            world.submit(Identity.ORG1_ADMIN, ctx -> configuration.setDesiredConfiguration(ctx, request));
        }
        return this;
    }

    /** The receipt {@link #deviceKey} signs for configuration command {@code cfg-<version>}. */
    public static String configurationReceipt(final long version, final String status, final String resultSha256) {
        return "biotdm-receipt-v1\n"
                + "commandId=cfg-" + version + "\n"
                + "deviceId=" + DEVICE + "\n"
                + "commandType=configuration\n"
                + "parametersSha256=" + configurationSha256(version) + "\n"
                + "status=" + status + "\n"
                + "resultSha256=" + resultSha256 + "\n";
    }

    /**
     * The ReportConfiguration argument for command {@code cfg-<version>} signed by {@link #deviceKey}, made once per
     * version, status and code; {@code code} may be {@code null}.
     */
    public String configurationReport(
            final long version, final String status, final String resultSha256, final String code) {
        return signedCompletions.computeIfAbsent(
                "cfg-" + version + "/" + status + "/" + resultSha256 + "/" + code,
                k -> Args.json(
                        "commandId", "cfg-" + version,
                        "status", status,
                        "resultSha256", resultSha256,
                        "signature", deviceKey.signDer(configurationReceipt(version, status, resultSha256)),
                        "code", code));
    }

    /** The AnchorTelemetry argument for a one-minute window. */
    public static String anchor(final String windowId, final long start, final String root) {
        return Args.json(
                "windowId",
                windowId,
                "startTime",
                start,
                "endTime",
                start + 60_000L,
                "merkleRoot",
                root,
                "leafCount",
                42L,
                "hashScheme",
                "sha256-rfc6962");
    }

    /** The firmware image size the manifests of {@link #publish} name. */
    public static final long FIRMWARE_SIZE = 524_288L;

    /** The sequence number {@link #publish(String)} gives a version: MAJOR·10000 + MINOR·100 + PATCH. */
    public static long sequenceOf(final String version) {
        final String[] core = version.split("[-+]", 2)[0].split("\\.");
        return Long.parseLong(core[0]) * 10_000 + Long.parseLong(core[1]) * 100 + Long.parseLong(core[2]);
    }

    /** The biotdm-firmware-manifest-v1 text of {@link #MODEL} at a version and sequence, signed by {@code key}. */
    public static String manifestText(final String version, final long sequence, final DeviceKeyPair key) {
        return "biotdm-firmware-manifest-v1\nmodel=" + MODEL + "\nversion=" + version + "\nsequence=" + sequence
                + "\nsize=" + FIRMWARE_SIZE + "\nsha256=" + FIRMWARE_SHA256 + "\nkeyId=" + keyId(key) + "\n";
    }

    /** The ID of a firmware-signing key: SHA-256 of its DER SubjectPublicKeyInfo. */
    public static String keyId(final DeviceKeyPair key) {
        return SigningKeyStore.keyId(key.publicKeyPem());
    }

    /** The PublishFirmware argument for {@link #MODEL}, signed by {@link #firmwareKey}, sequence from the version. */
    public String publish(final String version) {
        return signedRequests.computeIfAbsent(
                "publish " + version, v -> publish(version, sequenceOf(version), firmwareKey));
    }

    /** The PublishFirmware argument for {@link #MODEL} at a sequence, signed (raw r||s) by {@code key}. */
    public static String publish(final String version, final long sequence, final DeviceKeyPair key) {
        return Args.json(
                "format", "biotdm-firmware-manifest-v1",
                "model", MODEL,
                "version", version,
                "sequence", sequence,
                "size", FIRMWARE_SIZE,
                "sha256", FIRMWARE_SHA256,
                "keyId", keyId(key),
                "signature", key.signRaw(manifestText(version, sequence, key)));
    }

    /** Registers {@link #firmwareKey} for Org1 as Org1's admin, once. */
    public Fleet withFirmwareKey() {
        if (world.state(Keys.of(Keys.FIRMWARE_SIGNING_KEY, "Org1MSP", keyId(firmwareKey))) == null) {
            world.submit(
                    Identity.ORG1_ADMIN,
                    ctx -> firmware.registerFirmwareSigningKey(
                            ctx, Args.json("publicKeyPem", firmwareKey.publicKeyPem())));
        }
        return this;
    }

    /** Publishes {@code version} as Org1's admin, registering the signing key first if needed. */
    public Fleet published(final String version) {
        withFirmwareKey();
        world.submit(Identity.ORG1_ADMIN, ctx -> firmware.publishFirmware(ctx, publish(version)));
        return this;
    }

    /** The RecordFirmwareUpdate argument: {@code deviceId} signs (raw) its receipt of {@link #publish(String)}. */
    public String installed(final String deviceId, final String version) {
        return signedRequests.computeIfAbsent("installed " + deviceId + " " + version, k -> receipt(deviceId, version));
    }

    private String receipt(final String deviceId, final String version) {
        final String receipt = "biotdm-firmware-receipt-v1\ndeviceId=" + deviceId + "\nmodel=" + MODEL + "\nversion="
                + version + "\nsequence=" + sequenceOf(version) + "\nsha256=" + FIRMWARE_SHA256 + "\n";
        return Args.json("deviceId", deviceId, "version", version, "signature", deviceKey.signRaw(receipt));
    }
}
