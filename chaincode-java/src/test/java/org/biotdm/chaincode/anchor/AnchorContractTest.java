package org.biotdm.chaincode.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;

import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AnchorContractTest {
    private static final String ROOT = "ab".repeat(32);
    private static final long START = 1_704_060_000_000L;

    private World world;
    private AnchorContract anchors;

    @BeforeEach
    void setUp() {
        final Fleet fleet = new Fleet();
        world = fleet.world;
        anchors = fleet.anchors;
    }

    private String anchor(final String windowId, final long start) {
        return world.submit(
                Identity.ORG1_GATEWAY, ctx -> anchors.anchorTelemetry(ctx, Fleet.anchor(windowId, start, ROOT)));
    }

    @Nested
    class AnchorTelemetry {
        @Test
        void writes_anchor_and_time_index_copy() {
            final String txId = world.nextTxId();

            final String result = anchor("Org1MSP-w-1", START);

            final String expected = "{\"endTime\":" + (START + 60_000L) + ",\"hashScheme\":\"sha256-rfc6962\","
                    + "\"leafCount\":42,\"merkleRoot\":\"" + ROOT + "\",\"startTime\":" + START + ",\"txId\":\""
                    + txId + "\",\"updatedAt\":" + World.T0 + ",\"updatedBy\":\"" + Identity.ORG1_GATEWAY.id()
                    + "\",\"updatedByMsp\":\"Org1MSP\",\"windowId\":\"Org1MSP-w-1\"}";
            assertThat(result).isEqualTo(expected);
            assertThat(world.state(Keys.of(Keys.ANCHOR, "Org1MSP-w-1"))).isEqualTo(expected);
            assertThat(world.state("biotdm.anchor.time/001704060000000/Org1MSP-w-1"))
                    .isEqualTo(expected);
            assertThat(world.stub().events().get(0).getPayload().toStringUtf8())
                    .contains("\"key\":\"anchor:Org1MSP-w-1\"")
                    .contains("\"type\":\"TelemetryAnchored\"")
                    .doesNotContain("deviceId");
        }

        @Test
        void identical_resubmission_writes_nothing_and_returns_the_anchor() {
            final String first = anchor("Org1MSP-w-1", START);
            world.advance(5000);

            final String retry = world.submit(
                    Identity.ORG1_GATEWAY,
                    ctx -> anchors.anchorTelemetry(ctx, Fleet.anchor("Org1MSP-w-1", START, ROOT)));

            assertThat(retry).isEqualTo(first);
            assertThat(world.stub().writes()).isEmpty();
            assertThat(world.stub().events()).isEmpty();
        }

        @Test
        void different_root_for_the_same_window_conflicts() {
            anchor("Org1MSP-w-1", START);

            assertFails(
                    world,
                    ErrorCode.ANCHOR_CONFLICT,
                    () -> world.submit(
                            Identity.ORG1_GATEWAY,
                            ctx -> anchors.anchorTelemetry(ctx, Fleet.anchor("Org1MSP-w-1", START, "cd".repeat(32)))));
        }

        @Test
        void refuses_a_window_of_another_organisation_before_it_is_anchored() {
            assertFails(
                    world,
                    ErrorCode.ANCHOR_WINDOW_FOREIGN,
                    () -> world.submit(
                            Identity.ORG2_GATEWAY,
                            ctx -> anchors.anchorTelemetry(ctx, Fleet.anchor("Org1MSP-gw1-7", START, ROOT))));
            assertThat(world.stub().committedState()).isEmpty();
        }

        @Test
        void refuses_an_identical_resubmission_from_another_organisation() {
            anchor("Org1MSP-w-1", START);

            assertFails(
                    world,
                    ErrorCode.ANCHOR_WINDOW_FOREIGN,
                    () -> world.submit(
                            Identity.ORG2_GATEWAY,
                            ctx -> anchors.anchorTelemetry(ctx, Fleet.anchor("Org1MSP-w-1", START, ROOT))));
        }

        @Test
        void refuses_a_window_id_without_the_callers_msp_and_dash() {
            for (final String windowId : new String[] {"w-1", "Org1MSP", "Org1MSPw-1", "org1msp-w-1"}) {
                assertFails(
                        world,
                        ErrorCode.ANCHOR_WINDOW_FOREIGN,
                        () -> world.submit(
                                Identity.ORG1_GATEWAY,
                                ctx -> anchors.anchorTelemetry(ctx, Fleet.anchor(windowId, START, ROOT))));
            }
        }

        @Test
        void sets_no_key_level_policy_so_identical_concurrent_anchors_only_conflict_on_versions() {
            anchor("Org1MSP-w-1", START);

            assertThat(world.stub().metadataWrites()).isEmpty();
        }

        @Test
        void rejects_window_ending_before_it_starts() {
            final String request = Fleet.anchor("Org1MSP-w-1", START, ROOT)
                    .replace("\"endTime\":" + (START + 60_000L), "\"endTime\":" + START);
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> anchors.anchorTelemetry(ctx, request)));
        }

        @Test
        void rejects_negative_leaf_count() {
            final String request =
                    Fleet.anchor("Org1MSP-w-1", START, ROOT).replace("\"leafCount\":42", "\"leafCount\":-1");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> anchors.anchorTelemetry(ctx, request)));
        }

        @Test
        void rejects_fractional_leaf_count() {
            final String request =
                    Fleet.anchor("Org1MSP-w-1", START, ROOT).replace("\"leafCount\":42", "\"leafCount\":4.2");
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.submit(Identity.ORG1_GATEWAY, ctx -> anchors.anchorTelemetry(ctx, request)));
        }

        @Test
        void rejects_operator() {
            assertFails(
                    world,
                    ErrorCode.ACCESS_DENIED,
                    () -> world.submit(
                            Identity.ORG1_OPERATOR,
                            ctx -> anchors.anchorTelemetry(ctx, Fleet.anchor("Org1MSP-w-1", START, ROOT))));
        }
    }

    @Nested
    class GetAnchor {
        @Test
        void returns_anchor() {
            final String written = anchor("Org1MSP-w-1", START);

            assertThat(world.evaluate(Identity.ORG2_OPERATOR, ctx -> anchors.getAnchor(ctx, "Org1MSP-w-1")))
                    .isEqualTo(written);
        }

        @Test
        void reports_unknown_window() {
            assertFails(
                    world,
                    ErrorCode.ANCHOR_NOT_FOUND,
                    () -> world.evaluate(Identity.ORG1_AUDITOR, ctx -> anchors.getAnchor(ctx, "Org1MSP-w-9")));
        }
    }

    @Nested
    class ListAnchors {
        @BeforeEach
        void anchorFour() {
            anchor("Org1MSP-w-b", START + 60_000L);
            anchor("Org1MSP-w-a", START);
            anchor("Org1MSP-w-c", START + 120_000L);
            anchor("Org1MSP-w-d", START + 180_000L);
        }

        @Test
        void lists_windows_starting_in_range_by_start_time() {
            final String page = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> anchors.listAnchors(ctx, Args.json("from", START, "to", START + 180_000L)));

            assertThat(page).startsWith("{\"bookmark\":\"\",\"fetchedCount\":3,\"records\":[");
            assertThat(page.indexOf("\"windowId\":\"Org1MSP-w-a\""))
                    .isLessThan(page.indexOf("\"windowId\":\"Org1MSP-w-b\""));
            assertThat(page.indexOf("\"windowId\":\"Org1MSP-w-b\""))
                    .isLessThan(page.indexOf("\"windowId\":\"Org1MSP-w-c\""));
            assertThat(page).doesNotContain("Org1MSP-w-d");
        }

        @Test
        void pages_with_bookmark() {
            final String first = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> anchors.listAnchors(ctx, Args.json("from", START, "to", START + 600_000L, "pageSize", 2L)));

            assertThat(first)
                    .startsWith("{\"bookmark\":\"biotdm.anchor.time/00170406012"
                            + "0000/Org1MSP-w-c\",\"fetchedCount\":2,");
            final String second = world.evaluate(
                    Identity.ORG1_AUDITOR,
                    ctx -> anchors.listAnchors(
                            ctx,
                            Args.json(
                                    "from",
                                    START,
                                    "to",
                                    START + 600_000L,
                                    "pageSize",
                                    2L,
                                    "bookmark",
                                    "biotdm.anchor.time/001704060120000/Org1MSP-w-c")));
            assertThat(second).contains("Org1MSP-w-c").contains("Org1MSP-w-d").doesNotContain("Org1MSP-w-a");
        }

        @Test
        void rejects_empty_range() {
            assertFails(
                    world,
                    ErrorCode.INVALID_ARGUMENT,
                    () -> world.evaluate(
                            Identity.ORG1_AUDITOR,
                            ctx -> anchors.listAnchors(ctx, Args.json("from", START, "to", START))));
        }
    }
}
