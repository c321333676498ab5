package org.biotdm.devnet.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.biotdm.devnet.peer.Peer;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.common.Status;
import org.hyperledger.fabric.protos.orderer.SeekInfo;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.BlockAndPrivateData;
import org.hyperledger.fabric.protos.peer.DeliverGrpc;
import org.hyperledger.fabric.protos.peer.DeliverResponse;

/**
 * The peer's block event service ({@code protos.Deliver}): Deliver, DeliverFiltered and DeliverWithPrivateData, as
 * Fabric's {@code common/deliver/deliver.go}. Each request envelope carries a signed {@code SeekInfo}; blocks from
 * start to stop are sent in order, waiting for future blocks when the stop lies ahead, followed by a SUCCESS status.
 */
public final class DeliverService extends DeliverGrpc.DeliverImplBase {
    private final Peer peer;
    private final ExecutorService streams;

    /**
     * Creates the deliver service of one peer.
     *
     * @param peer the peer whose ledger is served
     * @param streams runs the long-lived streams
     */
    public DeliverService(Peer peer, ExecutorService streams) {
        this.peer = peer;
        this.streams = streams;
    }

    @Override
    public StreamObserver<Envelope> deliver(StreamObserver<DeliverResponse> responses) {
        return new SeekStream(
                responses, block -> DeliverResponse.newBuilder().setBlock(block).build());
    }

    @Override
    public StreamObserver<Envelope> deliverFiltered(StreamObserver<DeliverResponse> responses) {
        return new SeekStream(responses, block -> DeliverResponse.newBuilder()
                .setFilteredBlock(FilteredBlocks.of(peer.channel().channelId(), block))
                .build());
    }

    @Override
    public StreamObserver<Envelope> deliverWithPrivateData(StreamObserver<DeliverResponse> responses) {
        return new SeekStream(responses, block -> DeliverResponse.newBuilder()
                .setBlockAndPrivateData(BlockAndPrivateData.newBuilder().setBlock(block))
                .build());
    }

    /** Serves the seek requests of one stream one after another, on a stream thread. */
    private final class SeekStream implements StreamObserver<Envelope> {
        private final ServerCallStreamObserver<DeliverResponse> responses;
        private final Function<Block, DeliverResponse> shape;
        private final LinkedBlockingQueue<Envelope> requests = new LinkedBlockingQueue<>();
        private final AtomicBoolean serving = new AtomicBoolean();
        private final AtomicBoolean completed = new AtomicBoolean();
        private volatile boolean halfClosed;

        SeekStream(StreamObserver<DeliverResponse> responses, Function<Block, DeliverResponse> shape) {
            this.responses = (ServerCallStreamObserver<DeliverResponse>) responses;
            this.shape = shape;
        }

        @Override
        public void onNext(Envelope envelope) {
            requests.add(envelope);
            schedule();
        }

        private void schedule() {
            if (serving.compareAndSet(false, true)) {
                streams.execute(this::drain);
            }
        }

        private void drain() {
            try {
                Envelope next;
                while ((next = requests.poll()) != null && !responses.isCancelled()) {
                    Status status = serve(next);
                    responses.onNext(
                            DeliverResponse.newBuilder().setStatus(status).build());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (!responses.isCancelled()) {
                    responses.onNext(DeliverResponse.newBuilder()
                            .setStatus(Status.INTERNAL_SERVER_ERROR)
                            .build());
                }
            } finally {
                serving.set(false);
                if (!requests.isEmpty()) {
                    schedule();
                } else if (halfClosed && completed.compareAndSet(false, true) && !responses.isCancelled()) {
                    // The client closed its side and every seek it sent has been answered.
                    responses.onCompleted();
                }
            }
        }

        private Status serve(Envelope envelope) throws InterruptedException {
            Payload payload;
            ChannelHeader channelHeader;
            SeekInfo seek;
            SignatureHeader signatureHeader;
            try {
                payload = Payload.parseFrom(envelope.getPayload());
                channelHeader = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
                seek = SeekInfo.parseFrom(payload.getData());
            } catch (InvalidProtocolBufferException e) {
                return Status.BAD_REQUEST;
            }
            if (channelHeader.getType() != HeaderType.DELIVER_SEEK_INFO_VALUE || !seek.hasStart()) {
                return Status.BAD_REQUEST;
            }
            if (!peer.channel().channelId().equals(channelHeader.getChannelId())) {
                return Status.NOT_FOUND;
            }
            if (SignedRequests.checkReader(
                            peer.channel(),
                            signatureHeader.getCreator(),
                            envelope.getPayload(),
                            envelope.getSignature())
                    != null) {
                return Status.FORBIDDEN;
            }
            long height = peer.ledger().height();
            long start = position(seek.getStart(), height, 0);
            long stop = seek.hasStop() ? position(seek.getStop(), height, Long.MAX_VALUE) : start;
            if (stop < start) {
                return Status.BAD_REQUEST;
            }
            if (seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY && start >= height) {
                return Status.NOT_FOUND;
            }
            BlockFollower follower = new BlockFollower(peer, responses, start);
            while (follower.nextNumber() <= stop) {
                if (seek.getBehavior() == SeekInfo.SeekBehavior.FAIL_IF_NOT_READY
                        && follower.nextNumber() >= peer.ledger().height()) {
                    return Status.NOT_FOUND;
                }
                Block block = follower.next();
                if (block == null) {
                    return Status.SERVICE_UNAVAILABLE;
                }
                responses.onNext(shape.apply(block));
            }
            return Status.SUCCESS;
        }

        private long position(SeekPosition position, long height, long unspecified) {
            switch (position.getTypeCase()) {
                case OLDEST:
                    return 0;
                case NEWEST:
                    return Math.max(0, height - 1);
                case SPECIFIED:
                    return position.getSpecified().getNumber();
                case NEXT_COMMIT:
                    return height;
                default:
                    return unspecified;
            }
        }

        @Override
        public void onError(Throwable t) {
            requests.clear();
        }

        @Override
        public void onCompleted() {
            halfClosed = true;
            // A drain already running completes the stream when it finishes; otherwise start one that does.
            schedule();
        }
    }
}
