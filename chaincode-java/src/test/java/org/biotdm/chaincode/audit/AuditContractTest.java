package org.biotdm.chaincode.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;
import static org.biotdm.chaincode.testing.Fleet.DEVICE;

import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditContractTest {
    private Fleet fleet;
    private World world;
    private AuditContract audit;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        audit = fleet.audit;
    }

    @Nested
    class AuditTrail {
        @Test
        void lists_command_changes_newest_first_with_actor_and_time() {
            fleet.issued("c-1");
            world.advance(100);
            world.submit(
                    Identity.ORG1_GATEWAY,
                    ctx -> fleet.commands.markCommandDelivered(ctx, Args.json("commandId", "c-1")));

            final String trail = world.evaluate(Identity.ORG1_AUDITOR, ctx -> audit.auditTrail(ctx, "command", "c-1"));

            assertThat(trail)
                    .startsWith("[{\"actorId\":\"" + Identity.ORG1_GATEWAY.id() + "\",\"actorMsp\":\"Org1MSP\","
                            + "\"deleted\":false,\"record\":{\"commandId\":\"c-1\"");
            assertThat(trail)
                    .contains("\"timestamp\":" + world.now() + ",\"txId\":\"tx5\"}")
                    .contains("\"actorId\":\"" + Identity.ORG2_OPERATOR.id() + "\",\"actorMsp\":\"Org2MSP\"")
                    .contains("\"timestamp\":" + World.T0 + ",\"txId\":\"tx4\"}]");
        }

        @Test
        void reads_firmware_history_by_model_at_version() {
            fleet.published("1.2.0");

            assertThat(world.evaluate(
                            Identity.ORG1_AUDITOR, ctx -> audit.auditTrail(ctx, "firmware", Fleet.MODEL + "@1.2.0")))
                    .contains("\"version\":\"1.2.0\"");
        }

        @ParameterizedTest
        @CsvSource({
            "device,d-9,DEVICE_NOT_FOUND",
            "grant,g-9,GRANT_NOT_FOUND",
            "command,c-9,COMMAND_NOT_FOUND",
            "anchor,w-9,ANCHOR_NOT_FOUND",
            "firmware,Org1MSP/x@1.0.0,FIRMWARE_NOT_FOUND"
        })
        void reports_keys_never_written(final String entity, final String id, final ErrorCode code) {
            assertFails(
                    world, code, () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> audit.auditTrail(ctx, entity, id)));
        }

        @Test
        void rejects_unknown_entity() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> audit.auditTrail(ctx, "person", DEVICE)));
        }

        @Test
        void rejects_firmware_id_without_version() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> audit.auditTrail(ctx, "firmware", Fleet.MODEL)));
        }

        @Test
        void rejects_identity_without_role() {
            fleet.registered(DEVICE);

            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.evaluate(Identity.UNKNOWN_MSP, ctx -> audit.auditTrail(ctx, "device", DEVICE)));
        }
    }
}
