package org.biotdm.devnet.ledger;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Builds and hashes {@code common.Block}s exactly as Fabric's {@code protoutil/blockutils.go} does, so that blocks
 * delivered to clients chain and hash like a real network's.
 */
public final class Blocks {

    /** Number of metadata entries of a new block: one per {@code common.BlockMetadataIndex} value. */
    public static final int METADATA_ENTRIES = 5;

    private static final int FILTER_INDEX = BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE;

    private Blocks() {}

    /**
     * Computes a block's data hash: SHA-256 over the concatenated data entries (Fabric {@code
     * protoutil.ComputeBlockDataHash}).
     *
     * @param data the block data
     * @return the 32-byte hash for {@code BlockHeader.data_hash}
     */
    public static ByteString dataHash(BlockData data) {
        MessageDigest digest = sha256();
        for (ByteString entry : data.getDataList()) {
            digest.update(entry.asReadOnlyByteBuffer());
        }
        return ByteString.copyFrom(digest.digest());
    }

    /**
     * Returns the bytes a block header hash covers: the ASN.1 DER encoding of {@code SEQUENCE { INTEGER number, OCTET
     * STRING previous_hash, OCTET STRING data_hash }}, the number read as unsigned (Fabric {@code
     * protoutil.BlockHeaderBytes}).
     *
     * @param header the block header
     * @return the DER bytes
     */
    public static ByteString headerBytes(BlockHeader header) {
        ASN1Encodable[] fields = {
            new ASN1Integer(new BigInteger(Long.toUnsignedString(header.getNumber()))),
            new DEROctetString(header.getPreviousHash().toByteArray()),
            new DEROctetString(header.getDataHash().toByteArray())
        };
        try {
            return ByteString.copyFrom(new DERSequence(fields).getEncoded(ASN1Encoding.DER));
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding of a block header failed", e);
        }
    }

    /**
     * Computes a block header hash, which the next block carries as {@code previous_hash} (Fabric {@code
     * protoutil.BlockHeaderHash}).
     *
     * @param header the block header
     * @return SHA-256 of {@link #headerBytes(BlockHeader)}, 32 bytes
     */
    public static ByteString headerHash(BlockHeader header) {
        MessageDigest digest = sha256();
        digest.update(headerBytes(header).asReadOnlyByteBuffer());
        return ByteString.copyFrom(digest.digest());
    }

    /**
     * Builds a block of envelopes with its data hash set and five empty metadata entries (SIGNATURES, LAST_CONFIG,
     * TRANSACTIONS_FILTER, ORDERER, COMMIT_HASH), as Fabric's {@code protoutil.NewBlock} plus the orderer's data hash.
     *
     * @param number the block number, from 0
     * @param previousHash the header hash of the previous block; empty for block 0
     * @param envelopes the transactions, in order
     * @return the block
     */
    public static Block newBlock(long number, ByteString previousHash, List<Envelope> envelopes) {
        BlockData.Builder data = BlockData.newBuilder();
        for (Envelope envelope : envelopes) {
            data.addData(envelope.toByteString());
        }
        BlockData blockData = data.build();
        BlockMetadata.Builder metadata = BlockMetadata.newBuilder();
        for (int i = 0; i < METADATA_ENTRIES; i++) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(previousHash)
                .setDataHash(dataHash(blockData))
                .build();
        return Block.newBuilder()
                .setHeader(header)
                .setData(blockData)
                .setMetadata(metadata)
                .build();
    }

    /**
     * Returns a copy of a block with its TRANSACTIONS_FILTER metadata set; header and data are unchanged, so the
     * hashes stay valid.
     *
     * @param block the block
     * @param codes one {@code TxValidationCode} number per transaction, in block order
     * @return the block with the filter
     * @throws IllegalArgumentException when the number of codes differs from the number of transactions
     */
    public static Block withTransactionFilter(Block block, byte[] codes) {
        if (codes.length != block.getData().getDataCount()) {
            throw new IllegalArgumentException("transactions filter has " + codes.length + " codes for "
                    + block.getData().getDataCount() + " transactions");
        }
        BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
        while (metadata.getMetadataCount() < METADATA_ENTRIES) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(FILTER_INDEX, ByteString.copyFrom(codes));
        return block.toBuilder().setMetadata(metadata).build();
    }

    /**
     * Returns a block's transactions filter, one code per transaction. Transactions the filter does not cover (a block
     * straight from the orderer has none) read as {@code NOT_VALIDATED}, as Fabric's {@code txflags.New} initialises
     * them; only {@code VALID} (0) transactions are applied.
     *
     * @param block the block
     * @return a fresh array of {@code TxValidationCode} numbers (unsigned bytes), one per transaction
     */
    public static byte[] transactionFilter(Block block) {
        int transactions = block.getData().getDataCount();
        BlockMetadata metadata = block.getMetadata();
        ByteString stored =
                metadata.getMetadataCount() > FILTER_INDEX ? metadata.getMetadata(FILTER_INDEX) : ByteString.EMPTY;
        byte[] codes = new byte[transactions];
        int covered = Math.min(transactions, stored.size());
        stored.substring(0, covered).copyTo(codes, 0);
        Arrays.fill(codes, covered, transactions, (byte) TxValidationCode.NOT_VALIDATED_VALUE);
        return codes;
    }

    /**
     * Returns the validation code of one transaction from a filter.
     *
     * @param filter a filter from {@link #transactionFilter(Block)}
     * @param txNum the transaction index
     * @return the code; {@code UNRECOGNIZED} for a number the enum does not know
     */
    public static TxValidationCode code(byte[] filter, int txNum) {
        TxValidationCode code = TxValidationCode.forNumber(Byte.toUnsignedInt(filter[txNum]));
        return code == null ? TxValidationCode.UNRECOGNIZED : code;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
