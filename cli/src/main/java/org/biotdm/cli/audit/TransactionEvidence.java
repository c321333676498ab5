package org.biotdm.cli.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * What the peer's ledger says about one transaction, and the checks of its block, after the block structure of the
 * Fabric docs ("Blocks"; {@code protoutil.BlockHeaderHash}, {@code protoutil.ComputeBlockDataHash}):
 *
 * <ul>
 *   <li>a header's hash is SHA-256 of the ASN.1 DER {@code SEQUENCE { INTEGER number, OCTET STRING previous_hash,
 *       OCTET STRING data_hash }}, and the next block carries it as {@code previous_hash};
 *   <li>{@code data_hash} is SHA-256 of the block's envelopes concatenated, so the envelope is bound to the header.
 * </ul>
 *
 * @param txId the transaction ID
 * @param validationCode the committing peer's validation code name, for example {@code VALID}
 * @param blockNumber the number of the block holding it
 * @param blockHash the block's header hash, lower-case hex
 * @param creatorMsp the MSP ID of the client that submitted it
 * @param endorserMsps the MSP IDs of its endorsers, in endorsement order
 * @param problems what did not hold in the block and its chain; empty when every check passed
 */
record TransactionEvidence(
        String txId,
        String validationCode,
        long blockNumber,
        String blockHash,
        String creatorMsp,
        List<String> endorserMsps,
        List<String> problems) {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Reads a transaction and checks its block: the envelope is in the block, the data hash covers it, and the
     * header hash chains to the previous block and, when it exists, to the next one.
     *
     * @param peer the auditor's peer
     * @param txId the transaction ID
     * @return the evidence
     * @throws AuditPeer.LedgerQueryException when the peer refuses or answers with something that does not parse
     */
    public static TransactionEvidence read(AuditPeer peer, String txId) {
        ProcessedTransaction processed = peer.transaction(txId);
        Block block = peer.blockOf(txId);
        List<String> problems = new ArrayList<>();
        if (!block.getData()
                .getDataList()
                .contains(processed.getTransactionEnvelope().toByteString())) {
            problems.add("block " + block.getHeader().getNumber() + " does not hold the transaction's envelope");
        }
        problems.addAll(chainProblems(peer, block));
        Envelope envelope = processed.getTransactionEnvelope();
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ChannelHeader channel = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (!txId.equals(channel.getTxId())) {
                problems.add("the peer answered transaction " + channel.getTxId());
            }
            return new TransactionEvidence(
                    txId,
                    codeName(processed.getValidationCode()),
                    block.getHeader().getNumber(),
                    HEX.formatHex(headerHash(block.getHeader())),
                    mspOf(org.hyperledger.fabric.protos.common.SignatureHeader.parseFrom(
                                    payload.getHeader().getSignatureHeader())
                            .getCreator()),
                    endorsers(payload.getData()),
                    List.copyOf(problems));
        } catch (InvalidProtocolBufferException e) {
            throw new AuditPeer.LedgerQueryException("The transaction's envelope does not parse", e);
        }
    }

    /**
     * Tells whether the transaction is valid and every check of its block held.
     *
     * @return true when the validation code is {@code VALID} and there are no problems
     */
    public boolean trustworthy() {
        return "VALID".equals(validationCode) && problems.isEmpty();
    }

    private static List<String> chainProblems(AuditPeer peer, Block block) {
        List<String> problems = new ArrayList<>();
        BlockHeader header = block.getHeader();
        if (!MessageDigest.isEqual(dataHash(block), header.getDataHash().toByteArray())) {
            problems.add("block " + header.getNumber() + "'s data hash does not cover its transactions");
        }
        if (header.getNumber() > 0) {
            BlockHeader previous = peer.block(header.getNumber() - 1).getHeader();
            if (!MessageDigest.isEqual(
                    headerHash(previous), header.getPreviousHash().toByteArray())) {
                problems.add("block " + header.getNumber() + "'s previous hash is not block " + previous.getNumber()
                        + "'s header hash");
            }
        }
        try {
            BlockHeader next = peer.block(header.getNumber() + 1).getHeader();
            if (!MessageDigest.isEqual(
                    headerHash(header), next.getPreviousHash().toByteArray())) {
                problems.add("block " + next.getNumber() + "'s previous hash is not block " + header.getNumber()
                        + "'s header hash");
            }
        } catch (AuditPeer.LedgerQueryException e) {
            // The transaction's block is the last one so far: there is no next block to check.
        }
        return problems;
    }

    /**
     * Computes a block header's hash.
     *
     * @param header the header
     * @return SHA-256 of the DER {@code SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING
     *     data_hash }}, 32 bytes
     */
    public static byte[] headerHash(BlockHeader header) {
        DERSequence sequence = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new ASN1Integer(header.getNumber()),
            new DEROctetString(header.getPreviousHash().toByteArray()),
            new DEROctetString(header.getDataHash().toByteArray())
        });
        try {
            return sha256().digest(sequence.getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a block header failed", e);
        }
    }

    private static byte[] dataHash(Block block) {
        MessageDigest digest = sha256();
        for (ByteString data : block.getData().getDataList()) {
            digest.update(data.toByteArray());
        }
        return digest.digest();
    }

    private static List<String> endorsers(ByteString transactionBytes) throws InvalidProtocolBufferException {
        List<String> msps = new ArrayList<>();
        Transaction transaction = Transaction.parseFrom(transactionBytes);
        if (transaction.getActionsCount() > 0) {
            ChaincodeActionPayload action =
                    ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
            for (Endorsement endorsement : action.getAction().getEndorsementsList()) {
                msps.add(mspOf(endorsement.getEndorser()));
            }
        }
        return List.copyOf(msps);
    }

    private static String mspOf(ByteString serializedIdentity) throws InvalidProtocolBufferException {
        return SerializedIdentity.parseFrom(serializedIdentity).getMspid();
    }

    private static String codeName(int code) {
        TxValidationCode known = TxValidationCode.forNumber(code);
        return known == null ? "UNKNOWN_" + code : known.name();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
