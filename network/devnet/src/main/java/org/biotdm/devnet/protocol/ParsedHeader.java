package org.biotdm.devnet.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.SignatureHeader;

/**
 * The common header of an envelope, parsed and checked as Fabric's {@code validateCommonHeader} does: a known header
 * type, epoch 0, a non-empty nonce and creator. The original bytes are kept because signatures and hashes are computed
 * over them, never over a re-serialisation.
 *
 * @param envelope the envelope the header came from
 * @param channelHeader the parsed {@code common.ChannelHeader}
 * @param channelHeaderBytes the serialized channel header exactly as in {@code Payload.header}
 * @param signatureHeader the parsed {@code common.SignatureHeader}
 * @param signatureHeaderBytes the serialized signature header exactly as in {@code Payload.header}
 */
public record ParsedHeader(
        Envelope envelope,
        ChannelHeader channelHeader,
        ByteString channelHeaderBytes,
        SignatureHeader signatureHeader,
        ByteString signatureHeaderBytes) {

    /**
     * Creates the header.
     *
     * @param envelope the envelope, not null
     * @param channelHeader the channel header, not null
     * @param channelHeaderBytes its bytes, not null
     * @param signatureHeader the signature header, not null
     * @param signatureHeaderBytes its bytes, not null
     */
    public ParsedHeader {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(channelHeader, "channelHeader");
        Objects.requireNonNull(channelHeaderBytes, "channelHeaderBytes");
        Objects.requireNonNull(signatureHeader, "signatureHeader");
        Objects.requireNonNull(signatureHeaderBytes, "signatureHeaderBytes");
    }

    /**
     * Returns the signed bytes of the envelope, {@code Envelope.payload}.
     *
     * @return the serialized {@code common.Payload}
     */
    public ByteString payloadBytes() {
        return envelope.getPayload();
    }

    /**
     * Returns the creator's signature over {@link #payloadBytes()}.
     *
     * @return the DER ECDSA signature; empty when unsigned
     */
    public ByteString signature() {
        return envelope.getSignature();
    }

    /**
     * Returns the header type number, {@code ChannelHeader.type}.
     *
     * @return {@code HeaderType.ENDORSER_TRANSACTION_VALUE} (3), {@code CONFIG_VALUE} (1) or {@code
     *     CONFIG_UPDATE_VALUE} (2)
     */
    public int headerType() {
        return channelHeader.getType();
    }

    /**
     * Returns the transaction ID from the channel header (not recomputed).
     *
     * @return the txid as sent
     */
    public String txId() {
        return channelHeader.getTxId();
    }

    /**
     * Returns the channel name from the channel header.
     *
     * @return the channel ID
     */
    public String channelId() {
        return channelHeader.getChannelId();
    }

    /**
     * Returns the client's timestamp from the channel header; history entries carry it.
     *
     * @return the timestamp
     */
    public Timestamp timestamp() {
        return channelHeader.getTimestamp();
    }

    /**
     * Returns the serialized creator identity ({@code msp.SerializedIdentity} bytes).
     *
     * @return the creator, never empty
     */
    public ByteString creator() {
        return signatureHeader.getCreator();
    }

    /**
     * Returns the nonce of the signature header.
     *
     * @return the nonce, never empty
     */
    public ByteString nonce() {
        return signatureHeader.getNonce();
    }
}
