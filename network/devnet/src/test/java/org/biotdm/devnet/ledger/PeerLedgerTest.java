package org.biotdm.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biotdm.devnet.protocol.EnvelopeFixtures.CHAINCODE;
import static org.biotdm.devnet.protocol.EnvelopeFixtures.utf8;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.biotdm.devnet.protocol.EnvelopeFixtures;
import org.biotdm.devnet.protocol.InvalidTransactionException;
import org.biotdm.devnet.protocol.ParsedTransaction;
import org.biotdm.devnet.protocol.TransactionParser;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerLedgerTest {

    private static final String CHANNEL = EnvelopeFixtures.CHANNEL;
    private static final ByteString POLICY = utf8("policy-bytes");
    private static final String MAX_BMP = "\uFFFF";
    private static final String MAX_CODE_POINT = new String(Character.toChars(0x10FFFF));

    @TempDir
    Path dir;

    private final Chain chain = new Chain();
    private PeerLedger ledger;

    @BeforeEach
    void open() throws IOException {
        ledger = PeerLedger.open(dir.resolve("peer0"), CHANNEL);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Nested
    class Writes {

        @Test
        void puts_values_with_the_version_of_their_transaction() {
            commit(tx().write("a", "1"));
            commit(tx().write("b", "2"), tx().write("a", "3"));

            assertThat(value("a")).isEqualTo("3");
            assertThat(ledger.get(CHAINCODE, "a").version()).isEqualTo(new Version(1, 1));
            assertThat(ledger.get(CHAINCODE, "b").version()).isEqualTo(new Version(1, 0));
            assertThat(ledger.get(CHAINCODE, "missing")).isNull();
            assertThat(ledger.get("othercc", "a")).isNull();
            assertThat(ledger.height()).isEqualTo(2);
        }

        @Test
        void keeps_metadata_when_only_the_value_changes() {
            commit(tx().write("a", "1").metadata("a", Map.of("VALIDATION_PARAMETER", POLICY)));
            commit(tx().write("a", "2"));

            VersionedValue entry = ledger.get(CHAINCODE, "a");
            assertThat(entry.value().toStringUtf8()).isEqualTo("2");
            assertThat(entry.version()).isEqualTo(new Version(1, 0));
            assertThat(entry.metadata()).containsExactly(Map.entry("VALIDATION_PARAMETER", POLICY));
        }

        @Test
        void delete_removes_the_value_and_its_metadata() {
            commit(tx().write("a", "1").metadata("a", Map.of("VALIDATION_PARAMETER", POLICY)));
            commit(tx().delete("a"));

            assertThat(ledger.get(CHAINCODE, "a")).isNull();

            commit(tx().write("a", "again"));

            assertThat(ledger.get(CHAINCODE, "a").metadata()).isEmpty();
        }

        @Test
        void metadata_write_to_an_existing_key_replaces_metadata_and_bumps_the_version() {
            commit(tx().write("a", "1").metadata("a", Map.of("OLD", utf8("x"))));
            commit(tx().metadata("a", Map.of("VALIDATION_PARAMETER", POLICY)));

            VersionedValue entry = ledger.get(CHAINCODE, "a");
            assertThat(entry.value().toStringUtf8()).isEqualTo("1");
            assertThat(entry.version()).isEqualTo(new Version(1, 0));
            assertThat(entry.metadata()).containsExactly(Map.entry("VALIDATION_PARAMETER", POLICY));
        }

        @Test
        void metadata_write_without_entries_clears_the_metadata() {
            commit(tx().write("a", "1").metadata("a", Map.of("VALIDATION_PARAMETER", POLICY)));
            commit(tx().metadata("a", Map.of()));

            assertThat(ledger.get(CHAINCODE, "a").metadata()).isEmpty();
            assertThat(ledger.get(CHAINCODE, "a").version()).isEqualTo(new Version(1, 0));
        }

        @Test
        void metadata_write_to_a_missing_key_is_a_no_op() {
            commit(tx().metadata("ghost", Map.of("VALIDATION_PARAMETER", POLICY)));

            assertThat(ledger.get(CHAINCODE, "ghost")).isNull();
            assertThat(ledger.history(CHAINCODE, "ghost")).isEmpty();
        }

        @Test
        void sees_writes_of_earlier_transactions_in_the_same_block() {
            commit(tx().write("a", "1").metadata("a", Map.of("VALIDATION_PARAMETER", POLICY)), tx().write("a", "2"));

            VersionedValue entry = ledger.get(CHAINCODE, "a");
            assertThat(entry.version()).isEqualTo(new Version(0, 1));
            assertThat(entry.metadata()).containsKey("VALIDATION_PARAMETER");
        }

        @Test
        void writes_to_several_namespaces() {
            commit(tx().write("a", "1").write("lib", "x", utf8("2")));

            assertThat(ledger.get("lib", "x").value().toStringUtf8()).isEqualTo("2");
        }

        @Test
        void does_not_apply_invalid_transactions() {
            EnvelopeFixtures.Builder invalid = tx().write("b", "2");
            commitWithCodes(
                    new TxValidationCode[] {TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT},
                    tx().write("a", "1").build(),
                    invalid.build());

            assertThat(value("a")).isEqualTo("1");
            assertThat(ledger.get(CHAINCODE, "b")).isNull();
            assertThat(ledger.history(CHAINCODE, "b")).isEmpty();
            assertThat(ledger.transaction(invalid.txId()))
                    .contains(new TxLocation(0, 1, TxValidationCode.MVCC_READ_CONFLICT));
        }

        @Test
        void config_transactions_write_nothing() {
            EnvelopeFixtures.Builder config =
                    tx().headerType(HeaderType.CONFIG_VALUE).write("a", "1");
            commit(config);

            assertThat(ledger.get(CHAINCODE, "a")).isNull();
            assertThat(ledger.transaction(config.txId())).isPresent();
        }

        @Test
        void rejects_a_block_without_a_complete_transactions_filter() {
            Block unfiltered = chain.unfiltered(tx().write("a", "1").build());

            assertThatThrownBy(() -> ledger.commit(unfiltered)).isInstanceOf(IllegalArgumentException.class);
            assertThat(ledger.height()).isZero();
        }
    }

    @Nested
    class History {

        @Test
        void lists_modifications_newest_first_with_timestamps_and_deletes() {
            EnvelopeFixtures.Builder create = tx().timestamp(1_000, 1).write("a", "1");
            EnvelopeFixtures.Builder update = tx().timestamp(2_000, 2).write("a", "2");
            EnvelopeFixtures.Builder delete = tx().timestamp(3_000, 3).delete("a");
            commit(create);
            commit(update, tx().write("other", "x"));
            commit(delete);

            List<KeyModification> history = ledger.history(CHAINCODE, "a");

            assertThat(history)
                    .extracting(KeyModification::getTxId)
                    .containsExactly(delete.txId(), update.txId(), create.txId());
            assertThat(history).extracting(m -> m.getValue().toStringUtf8()).containsExactly("", "2", "1");
            assertThat(history).extracting(KeyModification::getIsDelete).containsExactly(true, false, false);
            assertThat(history).extracting(m -> m.getTimestamp().getSeconds()).containsExactly(3_000L, 2_000L, 1_000L);
            assertThat(history.get(0).getTimestamp().getNanos()).isEqualTo(3);
        }

        @Test
        void does_not_record_metadata_only_writes() {
            commit(tx().write("a", "1"));
            commit(tx().metadata("a", Map.of("VALIDATION_PARAMETER", POLICY)));

            assertThat(ledger.history(CHAINCODE, "a")).hasSize(1);
        }
    }

    @Nested
    class KeyOrder {

        @Test
        void orders_keys_by_utf8_bytes_so_supplementary_characters_come_last() {
            commit(tx().write("k" + MAX_CODE_POINT, "max")
                    .write("k" + MAX_BMP, "bmp")
                    .write("k", "plain"));

            assertThat(keys(ledger.range(CHAINCODE, "k", "")))
                    .containsExactly("k", "k" + MAX_BMP, "k" + MAX_CODE_POINT);
            assertThat(keys(ledger.range(CHAINCODE, "k" + MAX_BMP, "k" + MAX_CODE_POINT)))
                    .containsExactly("k" + MAX_BMP);
        }

        @Test
        void sorts_composite_keys_first_and_leaves_them_out_of_ranges_starting_at_u0001() {
            String composite = "\u0000device\u0000d1\u0000";
            commit(tx().write("b", "2").write(composite, "c").write("a", "1"));

            assertThat(keys(ledger.range(CHAINCODE, "", ""))).containsExactly(composite, "a", "b");
            assertThat(keys(ledger.range(CHAINCODE, "\u0001", ""))).containsExactly("a", "b");
            assertThat(keys(ledger.range(CHAINCODE, "\u0000device\u0000", "\u0000device\u0000" + MAX_CODE_POINT)))
                    .containsExactly(composite);
        }

        @Test
        void honours_half_open_ranges() {
            commit(tx().write("a", "1").write("b", "2").write("c", "3").write("d", "4"));

            assertThat(keys(ledger.range(CHAINCODE, "b", "d"))).containsExactly("b", "c");
            assertThat(keys(ledger.range(CHAINCODE, "", "c"))).containsExactly("a", "b");
            assertThat(keys(ledger.range(CHAINCODE, "c", "b"))).isEmpty();
            assertThat(keys(ledger.range("unknown", "", ""))).isEmpty();
        }
    }

    @Nested
    class Recovery {

        @Test
        void reopening_rebuilds_state_history_and_the_transaction_index() {
            EnvelopeFixtures.Builder last = tx().write("b", "3");
            commit(tx().write("a", "1").metadata("a", Map.of("VALIDATION_PARAMETER", POLICY)));
            commit(tx().write("a", "2"), tx().delete("gone"), last);
            ByteString hash = ledger.stateHash();
            List<KeyModification> history = ledger.history(CHAINCODE, "a");
            ByteString headerHash = ledger.lastHeaderHash();

            ledger.close();
            ledger = reopen();

            assertThat(ledger.stateHash()).isEqualTo(hash);
            assertThat(ledger.history(CHAINCODE, "a")).isEqualTo(history);
            assertThat(ledger.get(CHAINCODE, "a").metadata()).containsKey("VALIDATION_PARAMETER");
            assertThat(ledger.transaction(last.txId())).contains(new TxLocation(1, 2, TxValidationCode.VALID));
            assertThat(ledger.height()).isEqualTo(2);
            assertThat(ledger.lastHeaderHash()).isEqualTo(headerHash);
            assertThat(ledger.channelId()).isEqualTo(CHANNEL);
        }

        @Test
        void reopening_remembers_the_state_hash_of_the_last_checkpoint_height_it_replayed() {
            ByteString atCheckpoint = null;
            for (long height = 1; height <= PeerLedger.CHECKPOINT_INTERVAL + 3; height++) {
                commit(tx().write("k" + height % 7, Long.toString(height)));
                if (height == PeerLedger.CHECKPOINT_INTERVAL) {
                    atCheckpoint = ledger.stateHash();
                }
            }
            ByteString atEnd = ledger.stateHash();

            ledger.close();
            ledger = reopen();

            assertThat(ledger.replayedCheckpoint())
                    .contains(new PeerLedger.StateCheckpoint(PeerLedger.CHECKPOINT_INTERVAL, atCheckpoint));
            assertThat(atCheckpoint).isNotEqualTo(atEnd);
            assertThat(ledger.stateHash()).isEqualTo(atEnd);
        }

        @Test
        void a_ledger_shorter_than_the_checkpoint_interval_replays_no_checkpoint() {
            commit(tx().write("a", "1"));

            ledger.close();
            ledger = reopen();

            assertThat(ledger.replayedCheckpoint()).isEmpty();
        }

        @Test
        void two_peers_fed_the_same_blocks_have_the_same_state_hash() throws IOException {
            List<Block> blocks = List.of(
                    chain.next(
                            tx().write("a", "1").build(),
                            tx().write("\u0000x\u0000", "2").build()),
                    chain.next(tx().delete("a").build(), tx().write("b", "3").build()));
            try (PeerLedger other = PeerLedger.open(dir.resolve("peer1"), CHANNEL)) {
                for (Block block : blocks) {
                    ledger.commit(block);
                    other.commit(block);
                }

                assertThat(other.stateHash()).isEqualTo(ledger.stateHash());
                assertThat(other.block(1)).isEqualTo(ledger.block(1));
            }
        }

        @Test
        void state_hash_changes_with_any_value_version_or_metadata() {
            ByteString empty = ledger.stateHash();
            commit(tx().write("a", "1"));
            ByteString one = ledger.stateHash();
            commit(tx().write("a", "1"));
            ByteString newVersion = ledger.stateHash();
            commit(tx().metadata("a", Map.of("VALIDATION_PARAMETER", POLICY)));

            assertThat(List.of(empty, one, newVersion, ledger.stateHash())).doesNotHaveDuplicates();
        }

        @Test
        void state_hash_follows_the_documented_encoding() throws Exception {
            commit(tx().write("b", "2")
                    .write(MAX_CODE_POINT, "3")
                    .metadata("b", Map.of("Z", utf8("z"), "A", utf8("a"))));
            commit(tx().write("lib", "k", utf8("4")));

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            entry(out, CHAINCODE, "b", "2", 0, 0, "A", "a", "Z", "z");
            entry(out, CHAINCODE, MAX_CODE_POINT, "3", 0, 0);
            entry(out, "lib", "k", "4", 1, 0);

            assertThat(ledger.stateHash().toByteArray())
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        }

        private void entry(
                DataOutputStream out, String ns, String key, String value, long block, long tx, String... metadata)
                throws IOException {
            field(out, ns);
            field(out, key);
            field(out, value);
            out.writeLong(block);
            out.writeLong(tx);
            out.writeInt(metadata.length / 2);
            for (String part : metadata) {
                field(out, part);
            }
        }

        private void field(DataOutputStream out, String text) throws IOException {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }
    }

    @Nested
    class ParsedCommit {

        @Test
        void committing_the_validators_parsed_transactions_equals_parsing_the_block() throws Exception {
            EnvelopeFixtures.Builder first = tx().write("a", "1").metadata("a", Map.of("VALIDATION_PARAMETER", POLICY));
            EnvelopeFixtures.Builder second = tx().write("b", "2").delete("a");
            Block block = chain.next(first.build(), second.build());
            ParsedTransaction[] parsed = {parse(block, 0), parse(block, 1)};
            try (PeerLedger other = PeerLedger.open(dir.resolve("peer1"), CHANNEL)) {
                ledger.commit(block);
                other.commit(block, new String[] {first.txId(), second.txId()}, parsed);

                assertThat(other.stateHash()).isEqualTo(ledger.stateHash());
                assertThat(other.history(CHAINCODE, "a")).isEqualTo(ledger.history(CHAINCODE, "a"));
                assertThat(other.transaction(second.txId())).isEqualTo(ledger.transaction(second.txId()));
                assertThat(other.blockchainInfo()).isEqualTo(ledger.blockchainInfo());
            }
        }

        @Test
        void the_given_parsed_forms_and_ids_are_used_instead_of_reading_the_envelopes() throws Exception {
            Block elsewhere = new Chain().next(tx().write("from-parse", "x").build());
            Block block = chain.next(tx().write("from-block", "y").build());

            ledger.commit(block, new String[] {"given-id"}, new ParsedTransaction[] {parse(elsewhere, 0)});

            assertThat(ledger.get(CHAINCODE, "from-parse")).isNotNull();
            assertThat(ledger.get(CHAINCODE, "from-block")).isNull();
            assertThat(ledger.transaction("given-id")).contains(new TxLocation(0, 0, TxValidationCode.VALID));
        }

        @Test
        void null_entries_fall_back_to_the_envelopes() {
            EnvelopeFixtures.Builder write = tx().write("a", "1");
            Block block = chain.next(write.build());

            ledger.commit(block, new String[] {null}, new ParsedTransaction[] {null});

            assertThat(value("a")).isEqualTo("1");
            assertThat(ledger.transaction(write.txId())).isPresent();
        }

        @Test
        void arrays_must_have_one_entry_per_transaction() {
            Block block = chain.next(tx().write("a", "1").build());

            assertThatThrownBy(() -> ledger.commit(block, new String[0], null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ledger.height()).isZero();
        }

        private ParsedTransaction parse(Block block, int txNum) throws InvalidTransactionException {
            return TransactionParser.parse(block.getData().getData(txNum));
        }
    }

    @Nested
    class Listeners {

        @Test
        void are_called_in_block_order_after_the_write_lock_is_released() {
            List<Long> seen = new ArrayList<>();
            List<Long> heights = new ArrayList<>();
            List<Boolean> otherThreadCouldRead = new ArrayList<>();
            ledger.addCommitListener(block -> {
                seen.add(block.getHeader().getNumber());
                heights.add(ledger.height());
                otherThreadCouldRead.add(readLockFreeForOtherThreads());
            });

            commit(tx().write("a", "1"));
            commit(tx().write("a", "2"));

            assertThat(seen).containsExactly(0L, 1L);
            assertThat(heights).containsExactly(1L, 2L);
            assertThat(otherThreadCouldRead).containsExactly(true, true);
        }

        /** A thread other than the committer can take the read lock only when the write lock is free. */
        private boolean readLockFreeForOtherThreads() {
            Lock lock = ledger.simulationLock();
            return CompletableFuture.supplyAsync(() -> {
                        boolean locked = lock.tryLock();
                        if (locked) {
                            lock.unlock();
                        }
                        return locked;
                    })
                    .join();
        }

        @Test
        void a_failing_listener_does_not_fail_the_commit() {
            ledger.addCommitListener(block -> {
                throw new IllegalStateException("listener bug");
            });

            commit(tx().write("a", "1"));

            assertThat(value("a")).isEqualTo("1");
        }

        @Test
        void removed_listeners_are_not_called() {
            List<Block> seen = new ArrayList<>();
            Consumer<Block> listener = seen::add;
            ledger.addCommitListener(listener);
            ledger.removeCommitListener(listener);

            commit(tx().write("a", "1"));

            assertThat(seen).isEmpty();
        }
    }

    @Test
    void serves_committed_blocks_only() {
        commit(tx().write("a", "1"));

        assertThat(ledger.block(0).getHeader().getNumber()).isZero();
        assertThatThrownBy(() -> ledger.block(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(ledger.lastHeaderHash())
                .isEqualTo(Blocks.headerHash(ledger.block(0).getHeader()));
    }

    private static EnvelopeFixtures.Builder tx() {
        return EnvelopeFixtures.transaction();
    }

    private void commit(EnvelopeFixtures.Builder... transactions) {
        Envelope[] envelopes = new Envelope[transactions.length];
        for (int i = 0; i < transactions.length; i++) {
            envelopes[i] = transactions[i].build();
        }
        ledger.commit(chain.next(envelopes));
    }

    private void commitWithCodes(TxValidationCode[] codes, Envelope... envelopes) {
        ledger.commit(chain.next(codes, envelopes));
    }

    private String value(String key) {
        return ledger.get(CHAINCODE, key).value().toStringUtf8();
    }

    private PeerLedger reopen() {
        try {
            return PeerLedger.open(dir.resolve("peer0"), CHANNEL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> keys(Iterator<VersionedValue> iterator) {
        List<String> keys = new ArrayList<>();
        iterator.forEachRemaining(entry -> keys.add(entry.key()));
        return keys;
    }
}
