package org.biotdm.chaincode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.it.ChaincodeErrors.assertEndorsementFails;
import static org.biotdm.chaincode.it.ChaincodeErrors.assertEvaluationFails;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * AnchorTelemetry is write-once per window: the gateway may retry an anchor safely (the retry commits, writes
 * nothing and emits no event), while a different anchor for a window already anchored fails; only the organisation
 * named at the start of a window id may anchor it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryAnchorIT {
    @TempDir
    static Path dataDir;

    private BiotdmNetwork net;
    private BiotdmClient gateway;
    private List<TelemetryWindows.Window> windows;

    @BeforeAll
    void start_network() {
        net = BiotdmNetwork.start(dataDir);
        gateway = net.gateway(0);
        windows = TelemetryWindows.occupancyHours();
    }

    @AfterAll
    void stop_network() {
        net.close();
    }

    @Test
    void identical_retry_commits_without_a_write_or_a_second_event() throws Exception {
        TelemetryWindows.Window window = windows.get(0);
        long startBlock = net.devnet().peers().get(0).ledger().height();

        BiotdmClient.Committed first = gateway.submit("anchors", "AnchorTelemetry", window.anchorRequest());
        BiotdmClient.Committed retry = gateway.submit("anchors", "AnchorTelemetry", window.anchorRequest());
        BiotdmClient.Committed marker =
                gateway.submit("anchors", "AnchorTelemetry", windows.get(1).anchorRequest());

        assertThat(retry.record()).isEqualTo(first.record());
        assertThat(first.record().get("txId").getAsString()).isEqualTo(first.txId());
        assertThat(first.record().get("leafCount").getAsLong()).isEqualTo(window.leafCount());
        assertThat(gateway.evaluateObject("anchors", "GetAnchor", window.windowId()))
                .isEqualTo(first.record());
        List<ChaincodeEvent> events = EventLog.readThrough(gateway.network(), startBlock, marker.txId());
        assertThat(events).extracting(ChaincodeEvent::getTransactionId).containsExactly(first.txId(), marker.txId());
        BlockTransactions.Tx retryInBlock = transaction(retry);
        assertThat(retryInBlock.code()).isEqualTo(TxValidationCode.VALID);
        assertThat(retryInBlock.writes()).isEmpty();
        assertThat(retryInBlock.event()).isEmpty();
        JsonArray trail = gateway.evaluate("audit", "AuditTrail", "anchor", window.windowId())
                .getAsJsonArray();
        assertThat(Json.strings(trail, "txId")).containsExactly(first.txId());
    }

    @Test
    void different_anchor_for_an_anchored_window_fails_with_anchor_conflict() throws Exception {
        TelemetryWindows.Window window = windows.get(2);
        JsonObject anchored = gateway.submit("anchors", "AnchorTelemetry", window.anchorRequest())
                .record();
        Map<String, Object> otherRoot = window.anchorRequest();
        otherRoot.put("merkleRoot", windows.get(3).merkleRoot());
        Map<String, Object> otherCount = window.anchorRequest();
        otherCount.put("leafCount", window.leafCount() - 1);

        assertEndorsementFails(() -> gateway.submit("anchors", "AnchorTelemetry", otherRoot), "ANCHOR_CONFLICT");
        assertEndorsementFails(() -> gateway.submit("anchors", "AnchorTelemetry", otherCount), "ANCHOR_CONFLICT");
        assertThat(gateway.evaluateObject("anchors", "GetAnchor", window.windowId()))
                .isEqualTo(anchored);
    }

    @Test
    void another_organisations_gateway_can_neither_pre_empt_nor_touch_org1s_windows() throws Exception {
        TelemetryWindows.Window anchored = windows.get(4);
        TelemetryWindows.Window next = windows.get(5);
        JsonObject record = gateway.submit("anchors", "AnchorTelemetry", anchored.anchorRequest())
                .record();
        BiotdmClient org2 = net.gateway(1);

        assertEndorsementFails(
                () -> org2.submit("anchors", "AnchorTelemetry", next.anchorRequest()), "ANCHOR_WINDOW_FOREIGN");
        assertEndorsementFails(
                () -> org2.submit("anchors", "AnchorTelemetry", anchored.anchorRequest()), "ANCHOR_WINDOW_FOREIGN");
        assertEvaluationFails(() -> gateway.evaluate("anchors", "GetAnchor", next.windowId()), "ANCHOR_NOT_FOUND");
        assertThat(gateway.evaluateObject("anchors", "GetAnchor", anchored.windowId()))
                .isEqualTo(record);
        JsonObject own = gateway.submit("anchors", "AnchorTelemetry", next.anchorRequest())
                .record();
        assertThat(own.get("updatedByMsp").getAsString()).isEqualTo(BiotdmNetwork.ORG1);
    }

    private BlockTransactions.Tx transaction(BiotdmClient.Committed committed) {
        return BlockTransactions.of(
                        net.devnet().peers().get(0).ledger().block(committed.blockNumber()), BiotdmNetwork.CHAINCODE)
                .stream()
                .filter(tx -> tx.txId().equals(committed.txId()))
                .findFirst()
                .orElseThrow();
    }
}
