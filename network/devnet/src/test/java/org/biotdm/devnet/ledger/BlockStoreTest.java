package org.biotdm.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.biotdm.devnet.protocol.EnvelopeFixtures;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockStoreTest {

    @TempDir
    Path dir;

    private final Chain chain = new Chain();

    @Nested
    class Appending {

        @Test
        void serves_appended_blocks_by_number_with_their_filter() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                List<Block> blocks = appendBlocks(store, 3);

                assertThat(store.height()).isEqualTo(3);
                assertThat(store.get(0)).isEqualTo(blocks.get(0));
                assertThat(store.get(2)).isEqualTo(blocks.get(2));
                assertThat(store.lastHeaderHash())
                        .isEqualTo(Blocks.headerHash(blocks.get(2).getHeader()));
                assertThatThrownBy(() -> store.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
            }
        }

        @Test
        void starts_empty_with_an_empty_previous_hash() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isZero();
                assertThat(store.lastHeaderHash()).isEmpty();
            }
        }

        @Test
        void rejects_a_block_that_is_not_the_next_number() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                chain.next();
                Block skipped = chain.next();

                assertThatThrownBy(() -> store.append(skipped))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("not the next block number 0");
            }
        }

        @Test
        void rejects_a_block_whose_previous_hash_does_not_chain() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                store.append(chain.next());
                Block block = Blocks.newBlock(1, ByteString.copyFromUtf8("wrong"), List.of());

                assertThatThrownBy(() -> store.append(block))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("previous hash");
                assertThat(store.height()).isEqualTo(1);
            }
        }

        @Test
        void rejects_a_block_whose_data_does_not_match_its_data_hash() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                Block block = chain.next(EnvelopeFixtures.transaction().build());
                Block tampered = block.toBuilder()
                        .setData(block.getData().toBuilder().setData(0, ByteString.copyFromUtf8("x")))
                        .build();

                assertThatThrownBy(() -> store.append(tampered))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("data hash");
            }
        }

        @Test
        void refuses_a_second_opener_of_the_same_directory() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                assertThatThrownBy(() -> BlockStore.open(dir)).isInstanceOf(IOException.class);
                assertThat(store.height()).isZero();
            }
        }

        @Test
        void refuses_a_file_that_is_not_a_block_store() throws IOException {
            Files.write(dir.resolve(BlockStore.FILE_NAME), "something else".getBytes());

            assertThatThrownBy(() -> BlockStore.open(dir))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("not a block store");
        }
    }

    @Nested
    class Reopening {

        @Test
        void serves_the_same_blocks_and_continues_the_chain() throws IOException {
            List<Block> blocks;
            try (BlockStore store = BlockStore.open(dir)) {
                blocks = appendBlocks(store, 4);
            }
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(4);
                for (int i = 0; i < 4; i++) {
                    assertThat(store.get(i)).isEqualTo(blocks.get(i));
                }
                assertThat(store.lastHeaderHash())
                        .isEqualTo(Blocks.headerHash(blocks.get(3).getHeader()));

                store.append(chain.next());

                assertThat(store.height()).isEqualTo(5);
            }
        }

        @Test
        void rebuilds_the_transaction_index() throws IOException {
            EnvelopeFixtures.Builder tx = EnvelopeFixtures.transaction();
            try (BlockStore store = BlockStore.open(dir)) {
                store.append(chain.next());
                store.append(chain.next(
                        new TxValidationCode[] {TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT},
                        EnvelopeFixtures.transaction().build(),
                        tx.build()));
            }
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.findTransaction(tx.txId()))
                        .contains(new TxLocation(1, 1, TxValidationCode.MVCC_READ_CONFLICT));
            }
        }
    }

    @Nested
    class TransactionIndex {

        @Test
        void finds_transactions_with_their_validation_code() throws IOException {
            EnvelopeFixtures.Builder valid = EnvelopeFixtures.transaction();
            EnvelopeFixtures.Builder invalid = EnvelopeFixtures.transaction();
            try (BlockStore store = BlockStore.open(dir)) {
                store.append(chain.next(
                        new TxValidationCode[] {TxValidationCode.VALID, TxValidationCode.ENDORSEMENT_POLICY_FAILURE},
                        valid.build(),
                        invalid.build()));

                assertThat(store.findTransaction(valid.txId())).contains(new TxLocation(0, 0, TxValidationCode.VALID));
                assertThat(store.findTransaction(invalid.txId()))
                        .contains(new TxLocation(0, 1, TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
                assertThat(store.findTransaction("unknown")).isEmpty();
            }
        }

        @Test
        void keeps_the_first_occurrence_of_a_duplicate_txid() throws IOException {
            Envelope original = EnvelopeFixtures.transaction().txId("dup").build();
            Envelope replay = EnvelopeFixtures.transaction().txId("dup").build();
            try (BlockStore store = BlockStore.open(dir)) {
                store.append(chain.next(original));
                store.append(chain.next(new TxValidationCode[] {TxValidationCode.DUPLICATE_TXID}, replay));

                assertThat(store.findTransaction("dup")).contains(new TxLocation(0, 0, TxValidationCode.VALID));
            }
        }

        @Test
        void indexes_orderer_blocks_without_a_filter_as_not_validated() throws IOException {
            EnvelopeFixtures.Builder tx = EnvelopeFixtures.transaction();
            try (BlockStore store = BlockStore.open(dir)) {
                store.append(chain.unfiltered(tx.build()));

                assertThat(store.findTransaction(tx.txId()))
                        .contains(new TxLocation(0, 0, TxValidationCode.NOT_VALIDATED));
            }
        }

        @Test
        void skips_entries_too_malformed_to_carry_a_txid() throws IOException {
            Envelope garbage =
                    Envelope.newBuilder().setPayload(EnvelopeFixtures.GARBAGE).build();
            try (BlockStore store = BlockStore.open(dir)) {
                store.append(chain.next(new TxValidationCode[] {TxValidationCode.BAD_PAYLOAD}, garbage));

                assertThat(store.findTransaction("")).isEmpty();
                assertThat(store.height()).isEqualTo(1);
            }
        }
    }

    @Nested
    class Iterating {

        @Test
        void iterates_from_a_block_number_and_sees_later_appends() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                appendBlocks(store, 3);
                Iterator<Block> iterator = store.iterator(1);
                List<Long> numbers = new ArrayList<>();
                while (iterator.hasNext()) {
                    numbers.add(iterator.next().getHeader().getNumber());
                }
                store.append(chain.next());

                assertThat(iterator.hasNext()).isTrue();
                numbers.add(iterator.next().getHeader().getNumber());

                assertThat(numbers).containsExactly(1L, 2L, 3L);
                assertThat(iterator.hasNext()).isFalse();
            }
        }
    }

    @Nested
    class Recovery {

        @Test
        void truncates_half_a_record_and_keeps_the_complete_blocks() throws IOException {
            List<Block> blocks;
            long sizeAfterThree;
            try (BlockStore store = BlockStore.open(dir)) {
                blocks = appendBlocks(store, 3);
                sizeAfterThree = Files.size(file());
                store.append(chain.next(
                        EnvelopeFixtures.transaction().write("k", "v").build()));
            }
            long full = Files.size(file());
            truncate(sizeAfterThree + (full - sizeAfterThree) / 2);

            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(3);
                assertThat(Files.size(file())).isEqualTo(sizeAfterThree);
                assertThat(store.lastHeaderHash())
                        .isEqualTo(Blocks.headerHash(blocks.get(2).getHeader()));
                assertThat(store.get(2)).isEqualTo(blocks.get(2));
            }
        }

        @Test
        void continues_appending_after_a_torn_tail() throws IOException {
            Chain replay = new Chain();
            try (BlockStore store = BlockStore.open(dir)) {
                for (int i = 0; i < 2; i++) {
                    store.append(replay.next());
                }
            }
            appendBytes(new byte[] {0, 0, 0, 100, 1, 2, 3});

            try (BlockStore store = BlockStore.open(dir)) {
                store.append(replay.next());
                assertThat(store.height()).isEqualTo(3);
            }
            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(3);
            }
        }

        @Test
        void truncates_a_tail_shorter_than_a_record_header() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                appendBlocks(store, 2);
            }
            long size = Files.size(file());
            appendBytes(new byte[] {0, 0, 1});

            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(2);
                assertThat(Files.size(file())).isEqualTo(size);
            }
        }

        @Test
        void discards_a_last_record_that_fails_its_checksum() throws IOException {
            long sizeAfterTwo;
            try (BlockStore store = BlockStore.open(dir)) {
                appendBlocks(store, 2);
                sizeAfterTwo = Files.size(file());
                store.append(chain.next(
                        EnvelopeFixtures.transaction().write("k", "v").build()));
            }
            flipByte(Files.size(file()) - 5);

            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(2);
                assertThat(Files.size(file())).isEqualTo(sizeAfterTwo);
            }
        }

        @Test
        void discards_a_record_whose_length_runs_past_the_end() throws IOException {
            try (BlockStore store = BlockStore.open(dir)) {
                appendBlocks(store, 1);
            }
            appendBytes(ByteBuffer.allocate(12)
                    .putInt(Integer.MAX_VALUE)
                    .putInt(0)
                    .putInt(7)
                    .array());

            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(1);
            }
        }

        @Test
        void discards_a_checksummed_record_that_does_not_chain() throws IOException {
            Path other = dir.resolve("other");
            try (BlockStore store = BlockStore.open(dir)) {
                appendBlocks(store, 1);
            }
            long size = Files.size(file());
            long foreignFirst;
            try (BlockStore store = BlockStore.open(other)) {
                Chain foreign = new Chain();
                store.append(foreign.next());
                foreignFirst = Files.size(other.resolve(BlockStore.FILE_NAME));
                store.append(foreign.next());
            }
            byte[] foreignFile = Files.readAllBytes(other.resolve(BlockStore.FILE_NAME));
            // A complete, checksummed block 1 whose previous hash belongs to another chain.
            byte[] secondRecord = Arrays.copyOfRange(foreignFile, (int) foreignFirst, foreignFile.length);
            appendBytes(secondRecord);

            try (BlockStore store = BlockStore.open(dir)) {
                assertThat(store.height()).isEqualTo(1);
                assertThat(Files.size(file())).isEqualTo(size);
            }
        }
    }

    private List<Block> appendBlocks(BlockStore store, int count) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Block block = chain.next(
                    EnvelopeFixtures.transaction().write("key" + i, "value" + i).build());
            store.append(block);
            blocks.add(block);
        }
        return blocks;
    }

    private Path file() {
        return dir.resolve(BlockStore.FILE_NAME);
    }

    private void truncate(long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private void appendBytes(byte[] bytes) throws IOException {
        Files.write(file(), bytes, StandardOpenOption.APPEND);
    }

    private void flipByte(long position) throws IOException {
        try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0xFF)).rewind();
            channel.write(one, position);
        }
    }
}
