package org.biotdm.chaincode.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Fuzzes every transaction function's JSON argument, as any identity: the transaction either succeeds or fails with a
 * {@link ChaincodeException} whose message starts with {@code [CODE]} and whose payload is that catalogue code, and a
 * failed transaction writes nothing. The ledger holds an active device {@code d-1}, a grant {@code g-1} to Org2 and an
 * issued command {@code c-1}, so arguments naming them reach past the look-ups.
 */
class JsonArgumentsFuzzTest {
    private static final List<Identity> IDENTITIES = List.of(
            Identity.ORG1_ADMIN,
            Identity.ORG1_OPERATOR,
            Identity.ORG1_GATEWAY,
            Identity.ORG2_OPERATOR,
            Identity.ORG1_NO_ROLE,
            Identity.UNKNOWN_MSP);

    /** A transaction function called with one fuzzed argument on a fleet. */
    private interface Call {
        String run(Fleet fleet, Context ctx, String argument);
    }

    private static final List<Call> TRANSACTIONS = List.of(
            (f, ctx, a) -> f.devices.registerDevice(ctx, a),
            (f, ctx, a) -> f.devices.claimDevice(ctx, a),
            (f, ctx, a) -> f.devices.activateDevice(ctx, a),
            (f, ctx, a) -> f.devices.suspendDevice(ctx, a),
            (f, ctx, a) -> f.devices.reactivateDevice(ctx, a),
            (f, ctx, a) -> f.devices.decommissionDevice(ctx, a),
            (f, ctx, a) -> f.devices.rotateDeviceKey(ctx, a),
            (f, ctx, a) -> f.devices.updateDeviceMetadata(ctx, a),
            (f, ctx, a) -> f.devices.listDevices(ctx, a),
            (f, ctx, a) -> f.grants.grantDeviceAccess(ctx, a),
            (f, ctx, a) -> f.grants.revokeDeviceAccess(ctx, a),
            (f, ctx, a) -> f.grants.listGrants(ctx, a),
            (f, ctx, a) -> f.commands.issueCommand(ctx, a),
            (f, ctx, a) -> f.commands.markCommandDelivered(ctx, a),
            (f, ctx, a) -> f.commands.completeCommand(ctx, a),
            (f, ctx, a) -> f.commands.listCommandsByDevice(ctx, a),
            (f, ctx, a) -> f.anchors.anchorTelemetry(ctx, a),
            (f, ctx, a) -> f.anchors.listAnchors(ctx, a),
            (f, ctx, a) -> f.firmware.publishFirmware(ctx, a),
            (f, ctx, a) -> f.firmware.revokeFirmware(ctx, a),
            (f, ctx, a) -> f.firmware.recordFirmwareUpdate(ctx, a),
            (f, ctx, a) -> f.firmware.listFirmware(ctx, a));

    /** The ledger the next input runs on: refused inputs leave it as it was, so it is made anew only after a write. */
    private static Fleet fleet = new Fleet().issued("c-1");

    @FuzzTest
    void any_argument_succeeds_or_fails_with_a_catalogue_code_and_writes_nothing(FuzzedDataProvider data) {
        Call transaction = TRANSACTIONS.get(data.consumeInt(0, TRANSACTIONS.size() - 1));
        Identity who = IDENTITIES.get(data.consumeInt(0, IDENTITIES.size() - 1));
        String argument = data.consumeRemainingAsString();
        try {
            fleet.world.submit(who, ctx -> transaction.run(fleet, ctx, argument));
            fleet = new Fleet().issued("c-1");
        } catch (ChaincodeException e) {
            String code = new String(e.getPayload(), UTF_8);
            assertThat(Arrays.stream(ErrorCode.values()).map(Enum::name)).contains(code);
            assertThat(e.getMessage()).startsWith("[" + code + "] ");
            assertThat(fleet.world.stub().writes()).isEmpty();
        }
    }
}
