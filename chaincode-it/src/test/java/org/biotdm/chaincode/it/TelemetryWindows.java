package org.biotdm.chaincode.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.protocol.anchor.MerkleTree;

/**
 * Hourly telemetry windows of real readings: the UCI occupancy data set's training file (one office room, one row
 * a minute, February 2015) from {@code ../shared/data}, each raw line a Merkle leaf, as the gateway's anchoring
 * worker would build them. The lines are used as they are; only the timestamp column is read to pick the window.
 */
final class TelemetryWindows {
    /** RFC 6962 Merkle tree hash over SHA-256: leaf {@code H(0x00||line)}, node {@code H(0x01||left||right)}. */
    static final String HASH_SCHEME = "rfc6962-sha256";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter HOUR_ID = DateTimeFormatter.ofPattern("yyyyMMddHH");
    private static final long HOUR_MILLIS = 3_600_000L;

    private TelemetryWindows() {}

    /**
     * One closed window.
     *
     * @param windowId {@code Org1MSP-uci-occ-<yyyyMMddHH>}: Org1's gateway anchors them, and a window id starts with
     *     the anchoring organisation's MSP ID and {@code -}
     * @param startTime the hour's start, epoch milliseconds (the room's local time read as UTC)
     * @param endTime one hour later
     * @param merkleRoot the RFC 6962 root of the window's lines, 64 lower-case hex digits
     * @param leafCount the number of lines
     */
    record Window(String windowId, long startTime, long endTime, String merkleRoot, long leafCount) {

        /** Returns the AnchorTelemetry argument for this window. */
        Map<String, Object> anchorRequest() {
            return Json.fields(
                    "windowId", windowId,
                    "startTime", startTime,
                    "endTime", endTime,
                    "merkleRoot", merkleRoot,
                    "leafCount", leafCount,
                    "hashScheme", HASH_SCHEME);
        }
    }

    /** Reads the hourly windows of the occupancy training file, in time order. */
    static List<Window> occupancyHours() {
        Path file = Path.of(System.getProperty("biotdm.shared.data", "../../shared/data"))
                .resolve("uci_occupancy/datatraining.txt");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("real telemetry data missing: " + file.toAbsolutePath(), e);
        }
        Map<LocalDateTime, List<byte[]>> hours = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            LocalDateTime hour = LocalDateTime.parse(line.split(",")[1].replace("\"", ""), TIMESTAMP)
                    .truncatedTo(ChronoUnit.HOURS);
            hours.computeIfAbsent(hour, h -> new ArrayList<>()).add(line.getBytes(UTF_8));
        }
        List<Window> windows = new ArrayList<>();
        hours.forEach((hour, leaves) -> {
            long start = hour.toInstant(ZoneOffset.UTC).toEpochMilli();
            windows.add(new Window(
                    BiotdmNetwork.ORG1 + "-uci-occ-" + HOUR_ID.format(hour),
                    start,
                    start + HOUR_MILLIS,
                    HexFormat.of().formatHex(merkleRoot(leaves)),
                    leaves.size()));
        });
        return windows;
    }

    /** Computes RFC 6962's MTH over the leaves, with the protocol library's tree (the gateway's). */
    static byte[] merkleRoot(List<byte[]> leaves) {
        return MerkleTree.ofLeafHashes(leaves.stream().map(MerkleTree::leafHash).toList())
                .root();
    }
}
