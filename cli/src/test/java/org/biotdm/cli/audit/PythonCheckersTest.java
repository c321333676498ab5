package org.biotdm.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.biotdm.protocol.anchor.MerkleProof;
import org.biotdm.protocol.anchor.MerkleTree;
import org.biotdm.protocol.anchor.ReadingLeaf;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's Python checkers ({@code scripts/checkers/}, {@code python3} on the PATH) on a window of real UCI
 * occupancy readings whose root and proofs come from {@code org.biotdm.protocol.anchor}: OK for the truth, exit status
 * 1 with {@code MISMATCH} for an altered reading, a wrong leaf count or scheme, 2 for malformed input, and never a
 * Python traceback.
 */
class PythonCheckersTest {
    private static final Path CHECKERS = Path.of("..", "scripts", "checkers");
    private static final Path UCI = Path.of("..", "..", "shared", "data", "uci_occupancy", "datatest.txt");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<ReadingLeaf> window;
    private MerkleTree tree;

    @BeforeEach
    void a_window_of_real_readings() throws IOException {
        List<ReadingLeaf> leaves = new ArrayList<>();
        List<String> lines = Files.readAllLines(UCI, StandardCharsets.UTF_8);
        for (int row = 1; row <= 5; row++) {
            String[] fields = lines.get(row).split(",");
            long ts = java.time.LocalDateTime.parse(fields[1].replace("\"", "").replace(' ', 'T'))
                    .toInstant(java.time.ZoneOffset.UTC)
                    .toEpochMilli();
            leaves.add(new ReadingLeaf("room-1", row, "Temperature", ts, "N", fields[2], "°C"));
            leaves.add(new ReadingLeaf("room-1", row, "Occupancy", ts, "N", fields[7], null));
        }
        window = leaves.stream().sorted(ReadingLeaf.CANONICAL_ORDER).toList();
        tree = MerkleTree.ofLeafHashes(window.stream().map(ReadingLeaf::hash).toList());
    }

    @Test
    void check_proof_accepts_a_true_proof_and_refuses_an_altered_reading() throws Exception {
        Path anchor = write("anchor.json", anchor(tree.leafCount(), MerkleTree.SCHEME));
        assertThat(proofCheck(proof(4, window.get(4)), anchor)).startsWith("0 OK: reading 4 is in");

        ReadingLeaf altered =
                new ReadingLeaf("room-1", 3, "Temperature", window.get(4).ts(), "N", "99.9", "°C");
        assertThat(proofCheck(proof(4, altered), anchor)).startsWith("1 MISMATCH: the proof leads to");
    }

    @Test
    void check_proof_compares_leaf_count_and_hash_scheme_itself() throws Exception {
        ObjectNode proof = proof(2, window.get(2));
        assertThat(proofCheck(proof, write("count.json", anchor(tree.leafCount() + 1, MerkleTree.SCHEME))))
                .startsWith("1 MISMATCH: leafCount 11 anchored, 10 in the proof");
        assertThat(proofCheck(proof, write("scheme.json", anchor(tree.leafCount(), "sha256-other"))))
                .startsWith("1 MISMATCH: hash scheme is not biotdm-merkle-sha256-v1");
    }

    @Test
    void check_proof_refuses_malformed_input_with_status_2_and_no_traceback() throws Exception {
        Path anchor = write("anchor.json", anchor(tree.leafCount(), MerkleTree.SCHEME));
        ObjectNode noSteps = proof(1, window.get(1));
        noSteps.remove("proof");
        assertThat(run("check_proof.py", write("p.json", noSteps), anchor)).startsWith("2 MALFORMED: KeyError");
        assertThat(run("check_proof.py", write("bad.json", "{not json"), anchor))
                .startsWith("2 MALFORMED");
        ObjectNode badHex = proof(1, window.get(1));
        ((ObjectNode) badHex.withArray("proof").get(0)).put("hash", "zz");
        assertThat(run("check_proof.py", write("hex.json", badHex), anchor)).startsWith("2 MALFORMED: ValueError");
        assertThat(run("check_proof.py", dir.resolve("absent.json"), anchor)).startsWith("2 MALFORMED");
    }

    @Test
    void check_window_rebuilds_the_root_and_compares_count_and_scheme() throws Exception {
        Path anchor = write("anchor.json", anchor(tree.leafCount(), MerkleTree.SCHEME));
        assertThat(run("check_window.py", write("w.jsonl", jsonl(window)), anchor))
                .startsWith("0 OK: 10 readings, root " + tree.rootHex());

        List<ReadingLeaf> altered = new ArrayList<>(window);
        ReadingLeaf first = altered.get(0);
        altered.set(
                0,
                new ReadingLeaf(
                        first.deviceId(), first.batchSeq(), first.sensor(), first.ts(), "N", "42.5", first.unit()));
        assertThat(run("check_window.py", write("a.jsonl", jsonl(altered)), anchor))
                .startsWith("1 MISMATCH: root ");
        assertThat(run("check_window.py", write("s.jsonl", jsonl(window.subList(1, 10))), anchor))
                .startsWith("1 MISMATCH: 9 readings exported, 10 anchored");
        assertThat(run(
                        "check_window.py",
                        write("w2.jsonl", jsonl(window)),
                        write("scheme.json", anchor(tree.leafCount(), "other"))))
                .startsWith("1 MISMATCH: hash scheme other is not biotdm-merkle-sha256-v1");
    }

    @Test
    void check_window_refuses_malformed_rows_with_status_2_and_no_traceback() throws Exception {
        Path anchor = write("anchor.json", anchor(tree.leafCount(), MerkleTree.SCHEME));
        assertThat(run("check_window.py", write("short.jsonl", "[\"room-1\", 1]\n"), anchor))
                .startsWith("2 MALFORMED: ValueError");
        assertThat(run("check_window.py", write("type.jsonl", "[\"room-1\",\"1\",\"t\",1,\"N\",\"2\",null]\n"), anchor))
                .startsWith("2 MALFORMED: TypeError");
        assertThat(run("check_window.py", write("w.jsonl", jsonl(window)), write("a.json", "[]")))
                .startsWith("2 MALFORMED");
    }

    private ObjectNode anchor(long leafCount, String scheme) {
        return JSON.createObjectNode()
                .put("windowId", "Org1MSP-gw1-170000000")
                .put("merkleRoot", tree.rootHex())
                .put("leafCount", leafCount)
                .put("hashScheme", scheme);
    }

    /** A proof as GET /api/v1/readings/{id}/proof answers it, for the leaf at an index, claiming a reading. */
    private ObjectNode proof(int index, ReadingLeaf reading) {
        ObjectNode proof = JSON.createObjectNode().put("readingId", index);
        proof.putObject("reading")
                .put("deviceId", reading.deviceId())
                .put("batchSeq", reading.batchSeq())
                .put("sensor", reading.sensor())
                .put("ts", reading.ts())
                .put("kind", reading.kind())
                .put("valueText", reading.valueText())
                .put("unit", reading.unit());
        proof.put("leafBytes", Base64.getEncoder().encodeToString(reading.bytes()))
                .put("leafIndex", index)
                .put("leafCount", tree.leafCount())
                .put("hashScheme", MerkleTree.SCHEME)
                .put("windowId", "Org1MSP-gw1-170000000");
        ArrayNode steps = proof.putArray("proof");
        MerkleProof merkle = tree.proof(index);
        merkle.steps()
                .forEach(step ->
                        steps.addObject().put("side", step.side().name()).put("hash", step.hash()));
        return proof;
    }

    private static String jsonl(List<ReadingLeaf> readings) {
        StringBuilder lines = new StringBuilder();
        for (ReadingLeaf r : readings) {
            ArrayNode row = JSON.createArrayNode()
                    .add(r.deviceId())
                    .add(r.batchSeq())
                    .add(r.sensor())
                    .add(r.ts())
                    .add(r.kind())
                    .add(r.valueText());
            lines.append(r.unit() == null ? row.addNull() : row.add(r.unit())).append('\n');
        }
        return lines.toString();
    }

    private String proofCheck(ObjectNode proof, Path anchor) throws Exception {
        return run("check_proof.py", write("proof-" + System.nanoTime() + ".json", proof), anchor);
    }

    private Path write(String name, Object content) throws IOException {
        return Files.writeString(dir.resolve(name), content.toString(), StandardCharsets.UTF_8);
    }

    /** Runs a checker; returns "status first-line-of-output-or-error", after checking no traceback was printed. */
    private static String run(String checker, Path first, Path second) throws Exception {
        Process python = new ProcessBuilder(
                        "python3", CHECKERS.resolve(checker).toString(), first.toString(), second.toString())
                .start();
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(err).doesNotContain("Traceback");
        return python.exitValue() + " " + (out + err).strip();
    }
}
