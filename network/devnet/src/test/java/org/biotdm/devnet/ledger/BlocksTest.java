package org.biotdm.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.biotdm.devnet.protocol.EnvelopeFixtures;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BlocksTest {

    private static final ByteString PREVIOUS = ByteString.copyFrom(repeat((byte) 0x01, 32));
    private static final ByteString DATA = ByteString.copyFrom(repeat((byte) 0x02, 32));

    @Nested
    class DataHash {

        @Test
        void hashes_the_concatenated_entries() throws Exception {
            BlockData data = BlockData.newBuilder()
                    .addData(ByteString.copyFromUtf8("a"))
                    .addData(ByteString.copyFromUtf8("bc"))
                    .build();

            // SHA-256("abc"), FIPS 180-2 appendix B.1
            assertThat(Blocks.dataHash(data))
                    .isEqualTo(ByteString.fromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
            assertThat(Blocks.dataHash(BlockData.getDefaultInstance()))
                    .isEqualTo(ByteString.copyFrom(
                            MessageDigest.getInstance("SHA-256").digest(new byte[0])));
        }
    }

    @Nested
    class HeaderHash {

        @Test
        void encodes_the_header_as_a_der_sequence_of_integer_and_two_octet_strings() {
            BlockHeader header = header(1, PREVIOUS, DATA);

            ByteString expected =
                    ByteString.fromHex("3047" + "020101" + "0420" + "01".repeat(32) + "0420" + "02".repeat(32));

            assertThat(Blocks.headerBytes(header)).isEqualTo(expected);
        }

        @Test
        void encodes_the_number_as_a_positive_minimal_integer() {
            assertThat(Blocks.headerBytes(header(0, ByteString.EMPTY, ByteString.EMPTY)))
                    .isEqualTo(ByteString.fromHex("3007" + "020100" + "0400" + "0400"));
            assertThat(Blocks.headerBytes(header(128, ByteString.EMPTY, ByteString.EMPTY)))
                    .isEqualTo(ByteString.fromHex("3008" + "02020080" + "0400" + "0400"));
            // Fabric reads the number as uint64: 2^64-1 needs a leading zero byte.
            assertThat(Blocks.headerBytes(header(-1L, ByteString.EMPTY, ByteString.EMPTY)))
                    .isEqualTo(ByteString.fromHex("300f" + "0209" + "00" + "ff".repeat(8) + "0400" + "0400"));
        }

        @Test
        void round_trips_through_bouncy_castle_parsing() throws Exception {
            ASN1Sequence sequence = ASN1Sequence.getInstance(
                    Blocks.headerBytes(header(42, PREVIOUS, DATA)).toByteArray());

            assertThat(sequence.size()).isEqualTo(3);
            assertThat(ASN1Integer.getInstance(sequence.getObjectAt(0)).longValueExact())
                    .isEqualTo(42);
            assertThat(DEROctetString.getInstance(sequence.getObjectAt(1)).getOctets())
                    .isEqualTo(PREVIOUS.toByteArray());
            assertThat(DEROctetString.getInstance(sequence.getObjectAt(2)).getOctets())
                    .isEqualTo(DATA.toByteArray());
        }

        @Test
        void hashes_the_der_bytes_with_sha256() throws Exception {
            BlockHeader header = header(7, PREVIOUS, DATA);

            byte[] expected = MessageDigest.getInstance("SHA-256")
                    .digest(Blocks.headerBytes(header).toByteArray());

            assertThat(Blocks.headerHash(header).toByteArray()).isEqualTo(expected);
        }
    }

    @Nested
    class NewBlock {

        @Test
        void carries_the_envelopes_the_data_hash_and_five_empty_metadata_entries() {
            Envelope first = EnvelopeFixtures.transaction().write("a", "1").build();
            Envelope second = EnvelopeFixtures.transaction().write("b", "2").build();

            Block block = Blocks.newBlock(3, PREVIOUS, List.of(first, second));

            assertThat(block.getHeader().getNumber()).isEqualTo(3);
            assertThat(block.getHeader().getPreviousHash()).isEqualTo(PREVIOUS);
            assertThat(block.getData().getDataList()).containsExactly(first.toByteString(), second.toByteString());
            assertThat(block.getHeader().getDataHash())
                    .isEqualTo(ByteString.copyFrom(sha256(first.toByteString().concat(second.toByteString()))));
            assertThat(block.getMetadata().getMetadataList())
                    .hasSize(BlockMetadataIndex.COMMIT_HASH_VALUE + 1)
                    .allMatch(ByteString::isEmpty);
        }

        @Test
        void chains_each_block_to_the_header_hash_of_the_previous_one() {
            Block genesis = Blocks.newBlock(0, ByteString.EMPTY, List.of());
            Block next = Blocks.newBlock(1, Blocks.headerHash(genesis.getHeader()), List.of());

            assertThat(genesis.getHeader().getPreviousHash()).isEmpty();
            assertThat(next.getHeader().getPreviousHash())
                    .isEqualTo(ByteString.copyFrom(sha256(Blocks.headerBytes(genesis.getHeader()))));
        }
    }

    @Nested
    class TransactionFilter {

        @Test
        void sets_and_reads_one_code_per_transaction_without_touching_the_header() {
            Block block = Blocks.newBlock(
                    0,
                    ByteString.EMPTY,
                    List.of(
                            EnvelopeFixtures.transaction().build(),
                            EnvelopeFixtures.transaction().build()));
            byte[] codes = {(byte) TxValidationCode.VALID_VALUE, (byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE};

            Block filtered = Blocks.withTransactionFilter(block, codes);

            assertThat(Blocks.transactionFilter(filtered)).containsExactly(codes);
            assertThat(filtered.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE))
                    .isEqualTo(ByteString.copyFrom(codes));
            assertThat(filtered.getHeader()).isEqualTo(block.getHeader());
            assertThat(Blocks.code(Blocks.transactionFilter(filtered), 1))
                    .isEqualTo(TxValidationCode.MVCC_READ_CONFLICT);
        }

        @Test
        void reads_transactions_a_block_has_no_filter_for_as_not_validated() {
            Block block = Blocks.newBlock(
                    0, ByteString.EMPTY, List.of(EnvelopeFixtures.transaction().build()));

            assertThat(Blocks.code(Blocks.transactionFilter(block), 0)).isEqualTo(TxValidationCode.NOT_VALIDATED);
            assertThat(Blocks.code(
                            Blocks.transactionFilter(
                                    block.toBuilder().clearMetadata().build()),
                            0))
                    .isEqualTo(TxValidationCode.NOT_VALIDATED);
        }

        @Test
        void rejects_a_filter_of_the_wrong_length() {
            Block block = Blocks.newBlock(
                    0, ByteString.EMPTY, List.of(EnvelopeFixtures.transaction().build()));

            assertThatThrownBy(() -> Blocks.withTransactionFilter(block, new byte[2]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static BlockHeader header(long number, ByteString previousHash, ByteString dataHash) {
        return BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(previousHash)
                .setDataHash(dataHash)
                .build();
    }

    private static byte[] sha256(ByteString bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] repeat(byte value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
