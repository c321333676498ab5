package org.biotdm.devnet.ledger;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.biotdm.devnet.protocol.InvalidTransactionException;
import org.biotdm.devnet.protocol.NsRwSet;
import org.biotdm.devnet.protocol.ParsedTransaction;
import org.biotdm.devnet.protocol.TransactionParser;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the writes of a block's valid endorser transactions to the world state and history, with the semantics of
 * Fabric's {@code core/ledger/kvledger/txmgmt/txmgr/tx_ops.go} and {@code history/db.go} (brief §3.2).
 */
final class BlockApplier {

    private static final Logger LOG = LoggerFactory.getLogger(BlockApplier.class);

    private BlockApplier() {}

    /** The operations of one transaction on one key, merged as Fabric's {@code keyOps}. */
    private static final class KeyOp {
        boolean delete;
        boolean upsert;
        ByteString value;
        Map<String, ByteString> metadata;
    }

    /**
     * Applies a block's VALID transactions; {@code parsed} may hold their already parsed forms (null entries, or a null
     * array, are parsed from the block).
     */
    static void apply(Block block, ParsedTransaction[] parsed, WorldState state, HistoryIndex history) {
        byte[] filter = Blocks.transactionFilter(block);
        long blockNum = block.getHeader().getNumber();
        for (int txNum = 0; txNum < filter.length; txNum++) {
            if (filter[txNum] != TxValidationCode.VALID_VALUE) {
                continue;
            }
            ParsedTransaction tx = parsed == null ? null : parsed[txNum];
            try {
                if (tx == null) {
                    tx = TransactionParser.parse(block.getData().getData(txNum));
                }
            } catch (InvalidTransactionException e) {
                // A validator marked it VALID although it does not parse: skip it on every peer alike.
                LOG.error(
                        "block {} tx {} is marked VALID but is malformed ({}): not applied", blockNum, txNum, e.code());
                continue;
            }
            if (tx.isEndorserTransaction()) {
                applyTransaction(tx, new Version(blockNum, txNum), state);
                recordHistory(tx, history);
            }
        }
    }

    private static void applyTransaction(ParsedTransaction tx, Version version, WorldState state) {
        Map<String, Map<String, KeyOp>> namespaces = new LinkedHashMap<>();
        for (NsRwSet ns : tx.nsRwSets()) {
            Map<String, KeyOp> ops = namespaces.computeIfAbsent(ns.namespace(), k -> new LinkedHashMap<>());
            for (KVWrite write : ns.rwset().getWritesList()) {
                KeyOp op = ops.computeIfAbsent(write.getKey(), k -> new KeyOp());
                if (isDelete(write)) {
                    op.delete = true;
                } else {
                    op.upsert = true;
                    op.value = write.getValue();
                }
            }
            for (KVMetadataWrite write : ns.rwset().getMetadataWritesList()) {
                ops.computeIfAbsent(write.getKey(), k -> new KeyOp()).metadata = metadataOf(write);
            }
        }
        namespaces.forEach((namespace, ops) -> ops.forEach((key, op) -> applyKey(state, namespace, key, op, version)));
    }

    private static void applyKey(WorldState state, String namespace, String key, KeyOp op, Version version) {
        if (op.delete) {
            state.delete(namespace, key);
            return;
        }
        if (op.upsert) {
            Map<String, ByteString> metadata = op.metadata;
            if (metadata == null) {
                VersionedValue existing = state.get(namespace, key);
                metadata = existing == null ? Map.of() : existing.metadata();
            }
            state.put(namespace, new VersionedValue(key, op.value, version, metadata));
            return;
        }
        VersionedValue existing = state.get(namespace, key);
        if (existing != null) {
            state.put(namespace, new VersionedValue(key, existing.value(), version, op.metadata));
        }
    }

    private static void recordHistory(ParsedTransaction tx, HistoryIndex history) {
        Set<String> recorded = new HashSet<>();
        for (NsRwSet ns : tx.nsRwSets()) {
            for (KVWrite write : ns.rwset().getWritesList()) {
                // Fabric's history DB keeps one entry per (key, transaction), with the first write's value.
                if (!recorded.add(ns.namespace() + '\u0000' + write.getKey())) {
                    continue;
                }
                boolean delete = isDelete(write);
                KeyModification modification = KeyModification.newBuilder()
                        .setTxId(tx.txId())
                        .setValue(delete ? ByteString.EMPTY : write.getValue())
                        .setTimestamp(tx.timestamp())
                        .setIsDelete(delete)
                        .build();
                history.add(ns.namespace(), write.getKey(), modification);
            }
        }
    }

    /** A write of an empty value is a delete, as Fabric's rwset builder ({@code newKVWrite}) records it. */
    private static boolean isDelete(KVWrite write) {
        return write.getIsDelete() || write.getValue().isEmpty();
    }

    /** Fabric's {@code statemetadata.Deserialize}: a later entry of the same name wins; no entries clears it. */
    private static Map<String, ByteString> metadataOf(KVMetadataWrite write) {
        if (write.getEntriesCount() == 0) {
            return Map.of();
        }
        Map<String, ByteString> metadata = new HashMap<>();
        for (KVMetadataEntry entry : write.getEntriesList()) {
            metadata.put(entry.getName(), entry.getValue());
        }
        return Map.copyOf(metadata);
    }
}
