package org.biotdm.protocol.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LeafVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, Object> FILE = VectorFiles.read("leaf-v1.json");

    static Stream<Map<String, Object>> leaves() {
        return VectorFiles.maps(FILE.get("leaves")).stream();
    }

    static Stream<Map<String, Object>> trees() {
        return VectorFiles.maps(FILE.get("trees")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaves")
    void encodes_and_hashes_each_leaf_as_the_vector_says(Map<String, Object> vector) {
        ReadingLeaf leaf = leaf(VectorFiles.asMap(vector.get("reading")));

        assertThat(leaf.text()).isEqualTo(vector.get("leaf"));
        assertThat(HEX.formatHex(leaf.bytes())).isEqualTo(vector.get("leaf_hex"));
        assertThat(HEX.formatHex(leaf.hash())).isEqualTo(vector.get("leaf_hash"));
    }

    @ParameterizedTest(name = "leaves={0}")
    @MethodSource("trees")
    void builds_the_root_and_every_proof_of_the_vector(Map<String, Object> tree) {
        int count = ((Long) tree.get("leaf_count")).intValue();
        MerkleTree built = MerkleTree.ofLeafHashes(leafHashes(count));

        assertThat(built.rootHex()).isEqualTo(tree.get("root"));
        for (Map<String, Object> vector : VectorFiles.maps(tree.get("proofs"))) {
            if (Boolean.TRUE.equals(vector.get("valid"))) {
                assertThat(built.proof(((Long) vector.get("leaf_index")).intValue()))
                        .isEqualTo(proof(vector));
            }
        }
    }

    @ParameterizedTest(name = "leaves={0}")
    @MethodSource("trees")
    void verifies_valid_proofs_and_refuses_tampered_ones(Map<String, Object> tree) {
        byte[] root = HEX.parseHex((String) tree.get("root"));
        for (Map<String, Object> vector : VectorFiles.maps(tree.get("proofs"))) {
            byte[] leafHash = HEX.parseHex((String) vector.get("leaf_hash"));

            assertThat(MerkleTree.verify(leafHash, proof(vector), root))
                    .as("%s", vector.get("name"))
                    .isEqualTo(vector.get("valid"));
        }
    }

    @Test
    void the_vectors_cover_the_sizes_the_spec_names() {
        assertThat(trees().map(tree -> tree.get("leaf_count"))).containsExactly(0L, 1L, 2L, 3L, 5L, 8L);
    }

    private static List<byte[]> leafHashes(int count) {
        List<byte[]> hashes = new ArrayList<>();
        leaves().limit(count).forEach(vector -> hashes.add(HEX.parseHex((String) vector.get("leaf_hash"))));
        return hashes;
    }

    private static MerkleProof proof(Map<String, Object> vector) {
        List<MerkleProof.Step> steps = VectorFiles.maps(vector.get("steps")).stream()
                .map(step -> new MerkleProof.Step(
                        MerkleProof.Side.valueOf((String) step.get("side")), (String) step.get("hash")))
                .toList();
        return new MerkleProof((Long) vector.get("leaf_index"), (Long) vector.get("leaf_count"), steps);
    }

    private static ReadingLeaf leaf(Map<String, Object> reading) {
        return new ReadingLeaf(
                (String) reading.get("deviceId"),
                (Long) reading.get("batchSeq"),
                (String) reading.get("sensor"),
                (Long) reading.get("ts"),
                (String) reading.get("kind"),
                (String) reading.get("valueText"),
                (String) reading.get("unit"));
    }
}
