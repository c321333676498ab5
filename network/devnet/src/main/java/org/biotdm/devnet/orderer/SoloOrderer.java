package org.biotdm.devnet.orderer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.biotdm.devnet.ledger.BlockStore;
import org.biotdm.devnet.ledger.Blocks;
import org.biotdm.devnet.msp.IdentityDeserializer;
import org.biotdm.devnet.msp.MspException;
import org.biotdm.devnet.msp.MspIdentity;
import org.biotdm.devnet.msp.SigningIdentity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Metadata;
import org.hyperledger.fabric.protos.common.MetadataSignature;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A solo ordering service for one channel: accepts broadcast envelopes, cuts them into blocks by maximum message count,
 * preferred maximum bytes and batch timeout (Fabric's {@code orderer/common/blockcutter}), signs each block's
 * metadata, stores it durably (fsync) and only then hands it to the peers.
 */
public final class SoloOrderer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SoloOrderer.class);
    private static final int QUEUE_CAPACITY = 100_000;
    private static final long ABSOLUTE_MAX_BYTES = 10L * 1024 * 1024;

    private final BlockStore store;
    private final IdentityDeserializer msp;
    private final List<String> writerMsps;
    private final SigningIdentity identity;
    private final BatchConfig batch;
    private final BlockingQueue<Envelope> pending = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final List<Consumer<Block>> consumers = new CopyOnWriteArrayList<>();
    private final Thread cutter;
    private volatile boolean running = true;
    private ByteString previousHash;

    /**
     * Block cutting parameters, as in a channel's {@code Orderer.BatchSize} and {@code BatchTimeout}.
     *
     * @param maxMessageCount the most transactions in one block, at least 1
     * @param preferredMaxBytes a block is cut once its envelopes reach this many bytes
     * @param batchTimeout how long the first pending transaction waits before a block is cut anyway
     */
    public record BatchConfig(int maxMessageCount, long preferredMaxBytes, Duration batchTimeout) {}

    /**
     * Opens the orderer over its block store. The store must already hold the genesis block.
     *
     * @param store the orderer's block store
     * @param msp deserialises the creators of broadcast envelopes
     * @param writerMsps the MSP IDs allowed to submit transactions (the channel's Writers)
     * @param identity the orderer's signing identity, used for block metadata signatures
     * @param batch the block cutting parameters
     */
    public SoloOrderer(
            BlockStore store,
            IdentityDeserializer msp,
            List<String> writerMsps,
            SigningIdentity identity,
            BatchConfig batch) {
        if (store.height() == 0) {
            throw new IllegalStateException("the orderer's block store has no genesis block");
        }
        this.store = store;
        this.msp = msp;
        this.writerMsps = List.copyOf(writerMsps);
        this.identity = identity;
        this.batch = batch;
        this.previousHash = Blocks.headerHash(store.get(store.height() - 1).getHeader());
        this.cutter = new Thread(this::cutBlocks, "orderer-blockcutter");
        this.cutter.setDaemon(true);
    }

    /**
     * Registers a receiver of every newly cut block (a peer's deliver client).
     *
     * @param consumer called on the block cutter thread, in block order, after the block is stored
     */
    public void addBlockConsumer(Consumer<Block> consumer) {
        consumers.add(consumer);
    }

    /** Starts cutting blocks. */
    public void start() {
        cutter.start();
    }

    /**
     * Returns the orderer's block store, from which a restarted peer catches up.
     *
     * @return the block store
     */
    public BlockStore store() {
        return store;
    }

    /**
     * Accepts a transaction for ordering as the Broadcast service does. Success means the envelope is queued for the
     * next block, not that it is committed.
     *
     * @param envelope the signed transaction envelope
     * @return {@code SUCCESS}, or {@code BAD_REQUEST} (malformed or too large), {@code FORBIDDEN} (signature or
     *     creator not a channel writer) or {@code SERVICE_UNAVAILABLE} (shutting down or queue full) with a reason
     */
    public BroadcastResult broadcast(Envelope envelope) {
        if (!running) {
            return new BroadcastResult(Status.SERVICE_UNAVAILABLE, "orderer is shutting down");
        }
        if (envelope.getSerializedSize() > ABSOLUTE_MAX_BYTES) {
            return new BroadcastResult(
                    Status.BAD_REQUEST,
                    "message payload is " + envelope.getSerializedSize() + " bytes and exceeds maximum allowed "
                            + ABSOLUTE_MAX_BYTES + " bytes");
        }
        BroadcastResult authorised = authorise(envelope);
        if (authorised.status() != Status.SUCCESS) {
            return authorised;
        }
        if (!pending.offer(envelope)) {
            return new BroadcastResult(Status.SERVICE_UNAVAILABLE, "the ordering queue is full");
        }
        return authorised;
    }

    private BroadcastResult authorise(Envelope envelope) {
        SignatureHeader signatureHeader;
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            return new BroadcastResult(Status.BAD_REQUEST, "bad payload: " + e.getMessage());
        }
        MspIdentity creator;
        try {
            creator = msp.deserialize(signatureHeader.getCreator());
        } catch (MspException e) {
            return forbidden();
        }
        if (!writerMsps.contains(creator.mspId())
                || !creator.verify(
                        envelope.getPayload().toByteArray(),
                        envelope.getSignature().toByteArray())) {
            return forbidden();
        }
        return new BroadcastResult(Status.SUCCESS, "");
    }

    private static BroadcastResult forbidden() {
        return new BroadcastResult(
                Status.FORBIDDEN,
                "implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1 of"
                        + " the 'Writers' sub-policies to be satisfied: permission denied");
    }

    private void cutBlocks() {
        List<Envelope> batchEnvelopes = new ArrayList<>();
        long batchBytes = 0;
        long deadline = 0;
        while (running || !pending.isEmpty()) {
            try {
                Envelope next;
                if (batchEnvelopes.isEmpty()) {
                    next = pending.poll(100, TimeUnit.MILLISECONDS);
                    deadline = System.nanoTime() + batch.batchTimeout().toNanos();
                } else {
                    next = pending.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                if (next != null) {
                    batchEnvelopes.add(next);
                    batchBytes += next.getSerializedSize();
                }
                boolean full =
                        batchEnvelopes.size() >= batch.maxMessageCount() || batchBytes >= batch.preferredMaxBytes();
                boolean timedOut = !batchEnvelopes.isEmpty() && System.nanoTime() >= deadline;
                if (full || timedOut || (!running && !batchEnvelopes.isEmpty())) {
                    cut(batchEnvelopes);
                    batchEnvelopes = new ArrayList<>();
                    batchBytes = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("block cutting failed; the orderer stops ordering", e);
                running = false;
                return;
            }
        }
    }

    private void cut(List<Envelope> envelopes) {
        long number = store.height();
        Block block = sign(Blocks.newBlock(number, previousHash, envelopes));
        store.append(block);
        previousHash = Blocks.headerHash(block.getHeader());
        for (Consumer<Block> consumer : consumers) {
            consumer.accept(block);
        }
    }

    /**
     * Adds the orderer's signature to the block's SIGNATURES metadata over {@code metadata value || signature header
     * || block header bytes}, as Fabric's block writer does.
     */
    private Block sign(Block block) {
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(identity.serialize())
                .setNonce(ByteString.copyFrom(Nonces.next()))
                .build()
                .toByteString();
        ByteString signed = signatureHeader.concat(Blocks.headerBytes(block.getHeader()));
        Metadata metadata = Metadata.newBuilder()
                .addSignatures(MetadataSignature.newBuilder()
                        .setSignatureHeader(signatureHeader)
                        .setSignature(ByteString.copyFrom(identity.sign(signed.toByteArray()))))
                .build();
        return block.toBuilder()
                .setMetadata(block.getMetadata().toBuilder()
                        .setMetadata(BlockMetadataIndex.SIGNATURES_VALUE, metadata.toByteString()))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        cutter.join(TimeUnit.SECONDS.toMillis(10));
    }
}
