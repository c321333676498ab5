package org.biotdm.devnet.peer;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.biotdm.devnet.ledger.PeerLedger;
import org.biotdm.devnet.ledger.Utf8KeyComparator;
import org.biotdm.devnet.ledger.Version;
import org.biotdm.devnet.ledger.VersionedValue;
import org.biotdm.devnet.msp.MspException;
import org.biotdm.devnet.msp.MspIdentity;
import org.biotdm.devnet.policy.EndorsementPolicy;
import org.biotdm.devnet.protocol.InvalidTransactionException;
import org.biotdm.devnet.protocol.NsRwSet;
import org.biotdm.devnet.protocol.ParsedHeader;
import org.biotdm.devnet.protocol.ParsedTransaction;
import org.biotdm.devnet.protocol.TransactionParser;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Validates the transactions of an ordered block against one peer's committed state, in Fabric's order: message
 * validation ({@code core/common/validation/msgvalidation.go}), channel, duplicate transaction ID, endorsement policy
 * with key-level policies ({@code core/common/validation/statebased/validator_keylevel.go}), then MVCC read and phantom
 * checks ({@code core/ledger/kvledger/txmgmt/validation/validator.go}).
 */
public final class BlockValidator {
    private static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("lscc", "_lifecycle", "cscc", "qscc");

    private final ChannelConfig channel;
    private final PeerLedger ledger;

    /**
     * Creates the validator of one peer.
     *
     * @param channel the channel configuration
     * @param ledger the peer's ledger, holding the committed state the block is validated against
     */
    public BlockValidator(ChannelConfig channel, PeerLedger ledger) {
        this.channel = channel;
        this.ledger = ledger;
    }

    /**
     * Computes the validation code of every transaction in a block. The ledger must not commit while this runs (the
     * caller serialises validation and commit per peer).
     *
     * @param block an ordered block whose number is the ledger's height
     * @return one {@code TxValidationCode} value per transaction, in block order
     */
    public byte[] validate(Block block) {
        int count = block.getData().getDataCount();
        byte[] codes = new byte[count];
        BlockOverlay overlay = new BlockOverlay();
        Set<String> txIdsInBlock = new HashSet<>();
        for (int i = 0; i < count; i++) {
            TxValidationCode code = validateTransaction(block, i, overlay, txIdsInBlock);
            codes[i] = (byte) code.getNumber();
        }
        return codes;
    }

    private TxValidationCode validateTransaction(Block block, int txIndex, BlockOverlay overlay, Set<String> seen) {
        ByteString data = block.getData().getData(txIndex);
        if (data.isEmpty()) {
            return TxValidationCode.NIL_ENVELOPE;
        }
        ParsedTransaction tx = null;
        ParsedHeader header;
        TxValidationCode parseError = null;
        try {
            tx = TransactionParser.parse(data);
            header = tx.header();
        } catch (InvalidTransactionException e) {
            if (e.header().isEmpty()) {
                return e.code();
            }
            // Fabric checks the creator's signature and the txid before the deeper layers of the transaction.
            header = e.header().get();
            parseError = e.code();
        }
        TxValidationCode code = checkCreator(header, block.getHeader().getNumber());
        if (code != TxValidationCode.VALID) {
            return code;
        }
        if (parseError != null) {
            return parseError;
        }
        code = checkProposalHash(tx);
        if (code != TxValidationCode.VALID) {
            return code;
        }
        if (!channel.channelId().equals(tx.channelId())) {
            return TxValidationCode.TARGET_CHAIN_NOT_FOUND;
        }
        if (!seen.add(tx.txId()) || ledger.transaction(tx.txId()).isPresent()) {
            return TxValidationCode.DUPLICATE_TXID;
        }
        if (tx.headerType() == HeaderType.CONFIG_VALUE) {
            return TxValidationCode.VALID;
        }
        code = checkEndorsements(tx, overlay);
        if (code != TxValidationCode.VALID) {
            return code;
        }
        code = checkReads(tx, overlay);
        if (code == TxValidationCode.VALID) {
            recordWrites(tx, overlay, new Version(block.getHeader().getNumber(), txIndex));
        }
        return code;
    }

    /** The creator-signature and txid checks of Fabric's {@code ValidateTransaction}. */
    private TxValidationCode checkCreator(ParsedHeader header, long blockNumber) {
        if (header.headerType() == HeaderType.CONFIG_VALUE) {
            return blockNumber == 0 ? TxValidationCode.VALID : TxValidationCode.INVALID_CONFIG_TRANSACTION;
        }
        MspIdentity creator;
        try {
            creator = channel.msp().deserialize(header.creator());
        } catch (MspException e) {
            return TxValidationCode.BAD_CREATOR_SIGNATURE;
        }
        if (!creator.verify(
                header.payloadBytes().toByteArray(), header.signature().toByteArray())) {
            return TxValidationCode.BAD_CREATOR_SIGNATURE;
        }
        if (!TransactionParser.computeTxId(header.nonce(), header.creator()).equals(header.txId())) {
            return TxValidationCode.BAD_PROPOSAL_TXID;
        }
        return TxValidationCode.VALID;
    }

    private static TxValidationCode checkProposalHash(ParsedTransaction tx) {
        if (tx.headerType() == HeaderType.CONFIG_VALUE) {
            return TxValidationCode.VALID;
        }
        ByteString expectedHash = TransactionParser.proposalHash(
                tx.channelHeaderBytes(), tx.actionHeaderBytes(), tx.chaincodeProposalPayloadBytes());
        if (!expectedHash.equals(tx.proposalResponsePayload().getProposalHash())) {
            return TxValidationCode.INVALID_ENDORSER_TRANSACTION;
        }
        return TxValidationCode.VALID;
    }

    private TxValidationCode checkEndorsements(ParsedTransaction tx, BlockOverlay overlay) {
        String invoked = tx.chaincodeId();
        if (!tx.chaincodeAction().hasChaincodeId()
                || tx.chaincodeAction().getChaincodeId().getName().isEmpty()
                || tx.chaincodeAction().getChaincodeId().getVersion().isEmpty()
                || !tx.chaincodeAction().getChaincodeId().getName().equals(invoked)) {
            return TxValidationCode.INVALID_OTHER_REASON;
        }
        if (tx.event().isPresent()
                && !tx.event()
                        .get()
                        .getChaincodeId()
                        .equals(tx.chaincodeAction().getChaincodeId().getName())) {
            return TxValidationCode.INVALID_OTHER_REASON;
        }
        if (channel.chaincode(invoked).isEmpty()) {
            return TxValidationCode.INVALID_CHAINCODE;
        }
        List<MspIdentity> endorsers = verifiedEndorsers(tx);
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(invoked);
        for (NsRwSet ns : tx.nsRwSets()) {
            KVRWSet kv = ns.rwset();
            boolean writes = kv.getWritesCount() > 0 || kv.getMetadataWritesCount() > 0;
            if (!writes) {
                continue;
            }
            if (SYSTEM_NAMESPACES.contains(ns.namespace())
                    || channel.chaincode(ns.namespace()).isEmpty()) {
                return TxValidationCode.ILLEGAL_WRITESET;
            }
            namespaces.add(ns.namespace());
        }
        for (String namespace : namespaces) {
            TxValidationCode code = checkNamespace(tx, namespace, endorsers, overlay);
            if (code != TxValidationCode.VALID) {
                return code;
            }
        }
        return TxValidationCode.VALID;
    }

    private TxValidationCode checkNamespace(
            ParsedTransaction tx, String namespace, List<MspIdentity> endorsers, BlockOverlay overlay) {
        EndorsementPolicy chaincodePolicy =
                channel.chaincode(namespace).orElseThrow().endorsementPolicy();
        boolean chaincodePolicyChecked = false;
        for (String key : writtenKeys(tx, namespace)) {
            if (overlay.metadataUpdated(namespace, key)) {
                return TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
            }
            VersionedValue committed = ledger.get(namespace, key);
            ByteString parameter =
                    committed == null ? null : committed.metadata().get(VALIDATION_PARAMETER);
            if (parameter != null && !parameter.isEmpty()) {
                EndorsementPolicy keyPolicy;
                try {
                    keyPolicy = channel.policies().fromValidationParameter(parameter);
                } catch (IllegalArgumentException e) {
                    return TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
                }
                if (!keyPolicy.isSatisfiedBy(endorsers)) {
                    return TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
                }
            } else if (!chaincodePolicyChecked) {
                if (!chaincodePolicy.isSatisfiedBy(endorsers)) {
                    return TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
                }
                chaincodePolicyChecked = true;
            }
        }
        if (!chaincodePolicyChecked
                && namespace.equals(tx.chaincodeId())
                && writtenKeys(tx, namespace).isEmpty()
                && !chaincodePolicy.isSatisfiedBy(endorsers)) {
            return TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
        }
        return TxValidationCode.VALID;
    }

    private static Set<String> writtenKeys(ParsedTransaction tx, String namespace) {
        Set<String> keys = new LinkedHashSet<>();
        for (NsRwSet ns : tx.nsRwSets()) {
            if (!ns.namespace().equals(namespace)) {
                continue;
            }
            for (KVWrite write : ns.rwset().getWritesList()) {
                keys.add(write.getKey());
            }
            for (KVMetadataWrite write : ns.rwset().getMetadataWritesList()) {
                keys.add(write.getKey());
            }
        }
        return keys;
    }

    /** Drops endorsements whose identity is invalid or whose signature over {@code prp || endorser} fails. */
    private List<MspIdentity> verifiedEndorsers(ParsedTransaction tx) {
        List<MspIdentity> endorsers = new ArrayList<>();
        Set<ByteString> seen = new HashSet<>();
        ByteString prp = tx.proposalResponsePayloadBytes();
        for (Endorsement endorsement : tx.endorsements()) {
            if (!seen.add(endorsement.getEndorser())) {
                continue;
            }
            try {
                MspIdentity endorser = channel.msp().deserialize(endorsement.getEndorser());
                byte[] signed = prp.concat(endorsement.getEndorser()).toByteArray();
                if (endorser.verify(signed, endorsement.getSignature().toByteArray())) {
                    endorsers.add(endorser);
                }
            } catch (MspException e) {
                // An endorsement from an unknown or invalid identity counts for nothing, as in cauthdsl.
            }
        }
        return endorsers;
    }

    private TxValidationCode checkReads(ParsedTransaction tx, BlockOverlay overlay) {
        for (NsRwSet ns : tx.nsRwSets()) {
            for (KVRead read : ns.rwset().getReadsList()) {
                if (!readStillValid(ns.namespace(), read, overlay)) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
            }
            for (RangeQueryInfo range : ns.rwset().getRangeQueriesInfoList()) {
                if (!rangeStillValid(ns.namespace(), range, overlay)) {
                    return TxValidationCode.PHANTOM_READ_CONFLICT;
                }
            }
        }
        return TxValidationCode.VALID;
    }

    private boolean readStillValid(String namespace, KVRead read, BlockOverlay overlay) {
        if (overlay.get(namespace, read.getKey()) != null) {
            return false;
        }
        VersionedValue committed = ledger.get(namespace, read.getKey());
        if (!read.hasVersion()) {
            return committed == null;
        }
        return committed != null
                && committed.version().blockNum() == read.getVersion().getBlockNum()
                && committed.version().txNum() == read.getVersion().getTxNum();
    }

    /**
     * Re-runs a range query over committed state merged with this block's earlier updates and compares keys and
     * versions with what the simulation saw. The end key is inclusive when the iterator was not exhausted.
     */
    private boolean rangeStillValid(String namespace, RangeQueryInfo range, BlockOverlay overlay) {
        if (!range.hasRawReads()) {
            return false;
        }
        List<KVRead> expected = range.getRawReads().getKvReadsList();
        NavigableMap<String, Version> current = currentRange(namespace, range, overlay);
        if (current.size() != expected.size()) {
            return false;
        }
        Iterator<Map.Entry<String, Version>> actual = current.entrySet().iterator();
        for (KVRead read : expected) {
            Map.Entry<String, Version> entry = actual.next();
            if (!entry.getKey().equals(read.getKey())
                    || entry.getValue().blockNum() != read.getVersion().getBlockNum()
                    || entry.getValue().txNum() != read.getVersion().getTxNum()) {
                return false;
            }
        }
        return true;
    }

    private NavigableMap<String, Version> currentRange(String namespace, RangeQueryInfo range, BlockOverlay overlay) {
        String start = range.getStartKey();
        String end = range.getEndKey();
        boolean endInclusive = !range.getItrExhausted();
        NavigableMap<String, Version> merged = new TreeMap<>(Utf8KeyComparator.INSTANCE);
        String scanEnd = endInclusive ? "" : end;
        Iterator<VersionedValue> committed = ledger.range(namespace, start, scanEnd);
        while (committed.hasNext()) {
            VersionedValue value = committed.next();
            if (endInclusive && Utf8KeyComparator.INSTANCE.compare(value.key(), end) > 0) {
                break;
            }
            merged.put(value.key(), value.version());
        }
        NavigableMap<String, BlockOverlay.Update> updates = overlay.namespace(namespace);
        NavigableMap<String, BlockOverlay.Update> inRange =
                end.isEmpty() ? updates.tailMap(start, true) : updates.subMap(start, true, end, endInclusive);
        for (Map.Entry<String, BlockOverlay.Update> update : inRange.entrySet()) {
            if (update.getValue().value() == null) {
                merged.remove(update.getKey());
            } else {
                merged.put(update.getKey(), update.getValue().version());
            }
        }
        return merged;
    }

    private void recordWrites(ParsedTransaction tx, BlockOverlay overlay, Version version) {
        for (NsRwSet ns : tx.nsRwSets()) {
            Set<String> valueWritten = new HashSet<>();
            for (KVWrite write : ns.rwset().getWritesList()) {
                valueWritten.add(write.getKey());
                overlay.put(ns.namespace(), write.getKey(), write.getIsDelete() ? null : write.getValue(), version);
            }
            for (KVMetadataWrite write : ns.rwset().getMetadataWritesList()) {
                overlay.markMetadataUpdated(ns.namespace(), write.getKey());
                if (valueWritten.contains(write.getKey())) {
                    continue;
                }
                // A metadata-only write to an existing key rewrites it at a new version; to a missing key it is a
                // no-op (core/ledger/kvledger/txmgmt/validation/tx_ops.go).
                VersionedValue committed = ledger.get(ns.namespace(), write.getKey());
                BlockOverlay.Update pending = overlay.get(ns.namespace(), write.getKey());
                ByteString value = pending != null ? pending.value() : committed == null ? null : committed.value();
                if (value != null) {
                    overlay.put(ns.namespace(), write.getKey(), value, version);
                }
            }
        }
    }
}
