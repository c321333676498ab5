package org.biotdm.devnet.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.EnumSet;
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
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Validates the transactions of an ordered block against one peer's committed state, in Fabric release-2.5's order:
 * message validation ({@code core/common/validation/msgvalidation.go}), channel, duplicate of a committed transaction
 * ID, the plugin dispatcher's checks ({@code core/committer/txvalidator/v20/plugindispatcher/dispatcher.go}) and the
 * endorsement policy with key-level policies ({@code core/common/validation/statebased/validator_keylevel.go}),
 * duplicate transaction ID within the block ({@code txvalidator/v20/validator.go markTXIdDuplicates}), then MVCC read
 * and phantom checks ({@code core/ledger/kvledger/txmgmt/validation/validator.go}).
 */
final class BlockValidator {
    private static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("lscc", "_lifecycle", "cscc", "qscc");
    /** Parse faults that Fabric finds only in its plugin dispatcher, after the channel and duplicate checks. */
    private static final Set<TxValidationCode> DISPATCHER_PARSE_FAULTS = EnumSet.of(
            TxValidationCode.BAD_HEADER_EXTENSION,
            TxValidationCode.BAD_RESPONSE_PAYLOAD,
            TxValidationCode.BAD_RWSET,
            TxValidationCode.INVALID_OTHER_REASON);

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
        return validateBlock(block).codes();
    }

    /**
     * Validates a block as {@link #validate(Block)} does and also returns the transaction IDs read on the way, so the
     * committer can notify waiters without parsing the envelopes again.
     *
     * @param block an ordered block whose number is the ledger's height
     * @return the codes and, per transaction, its ID (null where the header could not be read)
     */
    public Validation validateBlock(Block block) {
        int count = block.getData().getDataCount();
        byte[] codes = new byte[count];
        String[] txIds = new String[count];
        ParsedTransaction[] parsed = new ParsedTransaction[count];
        BlockOverlay overlay = new BlockOverlay();
        Set<String> txIdsInBlock = new HashSet<>();
        for (int i = 0; i < count; i++) {
            TxValidationCode code = validateTransaction(block, i, overlay, txIdsInBlock, txIds, parsed);
            codes[i] = (byte) code.getNumber();
            if (code != TxValidationCode.VALID) {
                parsed[i] = null;
            }
        }
        return new Validation(codes, txIds, parsed);
    }

    /**
     * The outcome of validating one block, with what was parsed on the way so the commit does not parse it again.
     *
     * @param codes one {@code TxValidationCode} value per transaction, in block order
     * @param txIds per transaction its ID from the channel header, or null where the header could not be read
     * @param validTransactions per transaction its parsed form when it is VALID, otherwise null
     */
    public record Validation(byte[] codes, String[] txIds, ParsedTransaction[] validTransactions) {}

    private TxValidationCode validateTransaction(
            Block block,
            int txIndex,
            BlockOverlay overlay,
            Set<String> seen,
            String[] txIds,
            ParsedTransaction[] parsed) {
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
            parsed[txIndex] = tx;
        } catch (InvalidTransactionException e) {
            if (e.header().isEmpty()) {
                return e.code();
            }
            // Fabric checks the creator's signature and the txid before the deeper layers of the transaction.
            header = e.header().get();
            parseError = e.code();
        }
        txIds[txIndex] = header.txId();
        TxValidationCode code = checkCreator(header, block.getHeader().getNumber());
        if (code != TxValidationCode.VALID) {
            return code;
        }
        if (parseError != null && !DISPATCHER_PARSE_FAULTS.contains(parseError)) {
            return parseError;
        }
        if (!proposalHashMatches(tx, header)) {
            return TxValidationCode.INVALID_ENDORSER_TRANSACTION;
        }
        if (!channel.channelId().equals(header.channelId())) {
            return TxValidationCode.TARGET_CHAIN_NOT_FOUND;
        }
        if (header.headerType() == HeaderType.CONFIG_VALUE) {
            return TxValidationCode.VALID;
        }
        if (ledger.transaction(header.txId()).isPresent()) {
            return TxValidationCode.DUPLICATE_TXID;
        }
        if (parseError != null) {
            return parseError;
        }
        code = checkEndorsements(tx, overlay);
        if (code != TxValidationCode.VALID) {
            return code;
        }
        markMetadataWrites(tx, overlay);
        // Fabric marks in-block duplicates after VSCC, among the transactions VSCC found valid only.
        if (!seen.add(tx.txId())) {
            return TxValidationCode.DUPLICATE_TXID;
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

    /**
     * The proposal-hash check of Fabric's {@code validateEndorserTransaction}. When the transaction failed to parse
     * below the proposal response payload ({@code tx} is null), the layers the hash covers are read again here.
     */
    private static boolean proposalHashMatches(ParsedTransaction tx, ParsedHeader header) {
        if (header.headerType() == HeaderType.CONFIG_VALUE) {
            return true;
        }
        if (tx != null) {
            return TransactionParser.proposalHash(
                            tx.channelHeaderBytes(), tx.actionHeaderBytes(), tx.chaincodeProposalPayloadBytes())
                    .equals(tx.proposalResponsePayload().getProposalHash());
        }
        try {
            TransactionAction action = Transaction.parseFrom(
                            Payload.parseFrom(header.payloadBytes()).getData())
                    .getActions(0);
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
            ProposalResponsePayload prp =
                    ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
            return TransactionParser.proposalHash(
                            header.channelHeaderBytes(),
                            action.getHeader(),
                            actionPayload.getChaincodeProposalPayload())
                    .equals(prp.getProposalHash());
        } catch (InvalidProtocolBufferException e) {
            // Unreachable: the parser got past these layers before it failed.
            return false;
        }
    }

    /** The checks of Fabric's plugin dispatcher ({@code Dispatch}), then the endorsement policies of VSCC. */
    private TxValidationCode checkEndorsements(ParsedTransaction tx, BlockOverlay overlay) {
        ChaincodeAction action = tx.chaincodeAction();
        if (!headerExtensionNamesChaincode(tx) || !action.hasChaincodeId()) {
            return TxValidationCode.INVALID_OTHER_REASON;
        }
        String invoked = tx.chaincodeId();
        if (invoked.isEmpty()
                || !invoked.equals(action.getChaincodeId().getName())
                || action.getChaincodeId().getVersion().isEmpty()) {
            return TxValidationCode.INVALID_CHAINCODE;
        }
        if (tx.event().isPresent() && !tx.event().get().getChaincodeId().equals(invoked)) {
            return TxValidationCode.INVALID_OTHER_REASON;
        }
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(invoked);
        Set<String> present = new HashSet<>();
        for (NsRwSet ns : tx.nsRwSets()) {
            if (!present.add(ns.namespace())) {
                return TxValidationCode.ILLEGAL_WRITESET;
            }
            KVRWSet kv = ns.rwset();
            boolean writes = kv.getWritesCount() > 0 || kv.getMetadataWritesCount() > 0;
            if (!writes) {
                continue;
            }
            // Brief §3.3: system namespaces are never writable (Fabric's v1.4 rule; release-2.5 would report the
            // missing definition instead).
            if (SYSTEM_NAMESPACES.contains(ns.namespace())) {
                return TxValidationCode.ILLEGAL_WRITESET;
            }
            namespaces.add(ns.namespace());
        }
        for (String namespace : namespaces) {
            if (channel.chaincode(namespace).isEmpty()) {
                return TxValidationCode.INVALID_CHAINCODE;
            }
        }
        List<MspIdentity> endorsers = verifiedEndorsers(tx);
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

    private static boolean headerExtensionNamesChaincode(ParsedTransaction tx) {
        try {
            return ChaincodeHeaderExtension.parseFrom(tx.channelHeader().getExtension())
                    .hasChaincodeId();
        } catch (InvalidProtocolBufferException e) {
            // Unreachable: the parser already read the extension.
            return false;
        }
    }

    /**
     * Records the keys whose metadata a transaction that passed VSCC rewrites. A later transaction of the block that
     * writes such a key fails its endorsement policy even when this one then fails MVCC: Fabric's key-level validator
     * waits only for the earlier VSCC result ({@code statebased/vpmanagerimpl.go}).
     */
    private static void markMetadataWrites(ParsedTransaction tx, BlockOverlay overlay) {
        for (NsRwSet ns : tx.nsRwSets()) {
            for (KVMetadataWrite write : ns.rwset().getMetadataWritesList()) {
                overlay.markMetadataUpdated(ns.namespace(), write.getKey());
            }
        }
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
        if (range.hasReadsMerkleHashes()) {
            // The simulator always records raw reads; a Merkle summary from elsewhere cannot be checked here.
            return false;
        }
        // A range that fetched nothing has no raw reads at all (rwsetutil skips SetRawReads), and Fabric's
        // rangeQueryResultsValidator then expects the range to be still empty.
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
