package org.biotdm.protocol.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleTreeTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The leaf data of certificate-transparency's merkle_tree_test (RFC 6962 reference vectors). */
    private static final List<byte[]> CT_LEAVES = List.of(
            HEX.parseHex(""),
            HEX.parseHex("00"),
            HEX.parseHex("10"),
            HEX.parseHex("2021"),
            HEX.parseHex("3031"),
            HEX.parseHex("40414243"),
            HEX.parseHex("5051525354555657"),
            HEX.parseHex("606162636465666768696a6b6c6d6e6f"));

    private static final List<String> CT_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static MerkleTree treeOf(List<byte[]> data) {
        List<byte[]> hashes = new ArrayList<>();
        data.forEach(leaf -> hashes.add(MerkleTree.leafHash(leaf)));
        return MerkleTree.ofLeafHashes(hashes);
    }

    private static List<byte[]> data(int n) {
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            data.add(("leaf-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return data;
    }

    @Nested
    class Roots {
        @Test
        void matches_the_rfc6962_reference_vectors_for_one_to_eight_leaves() {
            for (int n = 1; n <= CT_LEAVES.size(); n++) {
                assertThat(treeOf(CT_LEAVES.subList(0, n)).rootHex())
                        .as("root of %d leaves", n)
                        .isEqualTo(CT_ROOTS.get(n - 1));
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 31, 33, 100})
        void equals_the_independent_recursive_definition(int n) {
            assertThat(treeOf(data(n)).root()).isEqualTo(IndependentMerkle.rootOfData(data(n)));
        }

        @Test
        void empty_window_has_the_sha256_of_nothing_as_root() {
            MerkleTree empty = MerkleTree.ofLeafHashes(List.of());

            assertThat(empty.leafCount()).isZero();
            assertThat(empty.rootHex())
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                    .isEqualTo(MerkleTree.emptyRootHex());
        }

        @Test
        void duplicating_the_last_leaf_changes_the_root() {
            List<byte[]> abc = List.of(bytes("a"), bytes("b"), bytes("c"));
            List<byte[]> abcc = List.of(bytes("a"), bytes("b"), bytes("c"), bytes("c"));

            assertThat(treeOf(abc).rootHex())
                    .isEqualTo("36642e73c2540ab121e3a6bf9545b0a24982cd830eb13d3cd19de3ce6c021ec1")
                    .isNotEqualTo(treeOf(abcc).rootHex());
            assertThat(treeOf(abcc).rootHex())
                    .isEqualTo("e9636069c740c9ff51625b01a0b040396d265a9b920cc6febdfa5ecc9f58ecce");
        }

        @Test
        void a_single_leaf_root_is_its_leaf_hash_not_a_node_hash() {
            byte[] leaf = bytes("only");

            assertThat(treeOf(List.of(leaf)).root()).isEqualTo(IndependentMerkle.sha256(new byte[] {0}, leaf));
        }

        @Test
        void a_leaf_cannot_pose_as_an_inner_node() {
            MerkleTree two = treeOf(List.of(bytes("a"), bytes("b")));
            byte[] forged = new byte[65];
            forged[0] = 1;
            System.arraycopy(two.leafHashAt(0), 0, forged, 1, 32);
            System.arraycopy(two.leafHashAt(1), 0, forged, 33, 32);

            assertThat(MerkleTree.leafHash(forged)).isNotEqualTo(two.root());
        }

        @Test
        void rejects_hashes_that_are_not_32_bytes() {
            assertThatThrownBy(() -> MerkleTree.ofLeafHashes(List.of(new byte[31])))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Proofs {
        @Test
        void every_leaf_of_trees_of_one_to_seventeen_leaves_proves_against_the_root() {
            for (int n = 1; n <= 17; n++) {
                MerkleTree tree = treeOf(data(n));
                for (int i = 0; i < n; i++) {
                    MerkleProof proof = tree.proof(i);
                    byte[] leafHash = MerkleTree.leafHash(data(n).get(i));

                    assertThat(IndependentMerkle.fold(leafHash, proof.steps()))
                            .as("independent fold, leaf %d of %d", i, n)
                            .isEqualTo(tree.rootHex());
                    assertThat(MerkleTree.verify(leafHash, proof, tree.root()))
                            .as("verify, leaf %d of %d", i, n)
                            .isTrue();
                    assertThat(proof.leafIndex()).isEqualTo(i);
                    assertThat(proof.leafCount()).isEqualTo(n);
                }
            }
        }

        @Test
        void promoted_levels_add_no_step() {
            MerkleProof lastOfFive = treeOf(data(5)).proof(4);

            assertThat(lastOfFive.steps()).hasSize(1);
            assertThat(lastOfFive.steps().get(0).side()).isEqualTo(MerkleProof.Side.L);
        }

        @Test
        void a_single_leaf_has_an_empty_proof() {
            assertThat(treeOf(data(1)).proof(0).steps()).isEmpty();
        }

        @Test
        void fails_for_another_leaf_a_wrong_root_a_moved_index_or_a_flipped_side() {
            MerkleTree tree = treeOf(data(6));
            MerkleProof proof = tree.proof(2);
            byte[] leaf = MerkleTree.leafHash(data(6).get(2));
            MerkleProof.Step first = proof.steps().get(0);
            List<MerkleProof.Step> flipped = new ArrayList<>(proof.steps());
            flipped.set(0, new MerkleProof.Step(MerkleProof.Side.L, first.hash()));

            assertThat(MerkleTree.verify(MerkleTree.leafHash(data(6).get(3)), proof, tree.root()))
                    .isFalse();
            assertThat(MerkleTree.verify(leaf, proof, treeOf(data(5)).root())).isFalse();
            assertThat(MerkleTree.verify(leaf, new MerkleProof(3, 6, proof.steps()), tree.root()))
                    .isFalse();
            assertThat(MerkleTree.verify(leaf, new MerkleProof(2, 6, flipped), tree.root()))
                    .isFalse();
        }

        @Test
        void fails_for_missing_extra_or_malformed_steps() {
            MerkleTree tree = treeOf(data(4));
            MerkleProof proof = tree.proof(1);
            byte[] leaf = MerkleTree.leafHash(data(4).get(1));
            List<MerkleProof.Step> extra = new ArrayList<>(proof.steps());
            extra.add(proof.steps().get(0));
            List<MerkleProof.Step> malformed = new ArrayList<>(proof.steps());
            malformed.set(0, new MerkleProof.Step(proof.steps().get(0).side(), "zz"));

            assertThat(MerkleTree.verify(
                            leaf, new MerkleProof(1, 4, proof.steps().subList(0, 1)), tree.root()))
                    .isFalse();
            assertThat(MerkleTree.verify(leaf, new MerkleProof(1, 4, extra), tree.root()))
                    .isFalse();
            assertThat(MerkleTree.verify(leaf, new MerkleProof(1, 4, malformed), tree.root()))
                    .isFalse();
            assertThat(MerkleTree.verify(leaf, new MerkleProof(4, 4, proof.steps()), tree.root()))
                    .isFalse();
        }

        @Test
        void rejects_an_index_outside_the_tree() {
            assertThatThrownBy(() -> treeOf(data(3)).proof(3)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
