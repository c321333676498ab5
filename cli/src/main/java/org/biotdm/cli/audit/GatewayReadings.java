package org.biotdm.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Progress;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * Reads the stored telemetry of anchored windows through the gateway's auditor API ({@code GET
 * /api/v1/windows/{windowId}/readings} and {@code /leaves}, page by page) instead of its database. The gateway is not
 * trusted: each reading's leaf is encoded here from its fields (the gateway's {@code leafHash} is ignored), so a
 * gateway that serves readings other than the ones anchored produces a root the peer's anchor does not match. Readings
 * of devices the auditor may not read come without fields; they are counted as withheld and their windows are not
 * judged.
 */
final class GatewayReadings {
    private static final int PAGE = 10_000;
    private static final HexFormat HEX = HexFormat.of();

    private final ApiClient client;
    private final String token;

    /**
     * Creates the source.
     *
     * @param client the gateway's API
     * @param token an auditor's or admin's access token
     */
    GatewayReadings(ApiClient client, String token) {
        this.client = client;
        this.token = token;
    }

    /**
     * Reads the windows of the given anchors that the gateway holds.
     *
     * @param anchors the anchors read from the peer
     * @param progress ticks once per window
     * @return the readings, kept leaves and withheld counts of every window the gateway holds; the others are absent
     * @throws IOException when the gateway cannot be reached or answers an error other than {@code WINDOW_NOT_FOUND}
     * @throws InterruptedException when interrupted
     */
    StoredTelemetry read(List<LedgerAnchor> anchors, Progress progress) throws IOException, InterruptedException {
        Map<String, List<StoredTelemetry.StoredReading>> readings = new HashMap<>();
        Map<String, List<StoredTelemetry.StoredLeaf>> leaves = new HashMap<>();
        Map<String, Integer> withheld = new HashMap<>();
        Set<String> prefixes = new HashSet<>();
        for (LedgerAnchor anchor : anchors) {
            progress.tick();
            String id = anchor.windowId();
            try {
                int hidden = readings(id, readings.computeIfAbsent(id, k -> new ArrayList<>()));
                leaves.put(id, leaves(id));
                if (hidden > 0) {
                    withheld.put(id, hidden);
                }
                prefixes.add(anchor.gatewayPrefix());
            } catch (ApiClient.ApiError e) {
                readings.remove(id);
                if (e.status() != 404 || !"WINDOW_NOT_FOUND".equals(e.code())) {
                    throw new IOException("The gateway refused window " + id + ": " + e.getMessage(), e);
                }
            }
        }
        return new StoredTelemetry(readings, leaves, prefixes, withheld);
    }

    /** Reads a window's readings into {@code into}; returns how many came without fields. */
    private int readings(String windowId, List<StoredTelemetry.StoredReading> into)
            throws IOException, InterruptedException {
        int hidden = 0;
        String after = null;
        do {
            JsonNode page = client.get("/api/v1/windows/" + windowId + "/readings", query("after", after), token);
            for (JsonNode reading : page.path("readings")) {
                JsonNode fields = reading.path("reading");
                if (fields.isMissingNode() || fields.isNull()) {
                    hidden++;
                } else {
                    into.add(new StoredTelemetry.StoredReading(
                            reading.path("readingId").asLong(), leaf(fields)));
                }
            }
            after = page.hasNonNull("nextAfter") ? page.get("nextAfter").asText() : null;
        } while (after != null);
        return hidden;
    }

    private List<StoredTelemetry.StoredLeaf> leaves(String windowId) throws IOException, InterruptedException {
        List<StoredTelemetry.StoredLeaf> leaves = new ArrayList<>();
        String from = null;
        do {
            JsonNode page = client.get("/api/v1/windows/" + windowId + "/leaves", query("from", from), token);
            for (JsonNode leaf : page.path("leaves")) {
                leaves.add(new StoredTelemetry.StoredLeaf(
                        leaf.path("readingId").asLong(),
                        HEX.parseHex(leaf.path("leafHash").asText())));
            }
            from = page.hasNonNull("nextFrom") ? page.get("nextFrom").asText() : null;
        } while (from != null);
        return leaves;
    }

    private static Map<String, String> query(String cursorName, String cursor) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put(cursorName, cursor);
        query.put("limit", Integer.toString(PAGE));
        return query;
    }

    private static ReadingLeaf leaf(JsonNode fields) {
        return new ReadingLeaf(
                fields.path("deviceId").asText(),
                fields.path("batchSeq").asLong(),
                fields.path("sensor").asText(),
                fields.path("ts").asLong(),
                fields.path("kind").asText(),
                fields.path("valueText").asText(),
                fields.hasNonNull("unit") ? fields.get("unit").asText() : null);
    }
}
