package org.biotdm.devnet.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.biotdm.devnet.ledger.Blocks;
import org.biotdm.devnet.ledger.TxLocation;
import org.biotdm.devnet.peer.Peer;
import org.biotdm.devnet.protocol.InvalidTransactionException;
import org.biotdm.devnet.protocol.ParsedTransaction;
import org.biotdm.devnet.protocol.TransactionParser;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Serves {@code Gateway.ChaincodeEvents} as Fabric's {@code chaincodeevents.go}: from the requested start block (or the
 * block of {@code after_transaction_id}), one response per block holding matching events of valid transactions, with
 * events up to and including {@code after_transaction_id} skipped. The stream never ends on its own.
 */
final class ChaincodeEventStreamer {
    private final Peer peer;
    private final ExecutorService streams;

    ChaincodeEventStreamer(Peer peer, ExecutorService streams) {
        this.peer = peer;
        this.streams = streams;
    }

    void stream(SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> observer) {
        ChaincodeEventsRequest request;
        try {
            request = ChaincodeEventsRequest.parseFrom(signed.getRequest());
        } catch (InvalidProtocolBufferException e) {
            observer.onError(GatewayErrors.error(
                    Status.Code.INVALID_ARGUMENT, "invalid chaincode events request: " + e.getMessage()));
            return;
        }
        String denied = SignedRequests.checkReader(
                peer.channel(), request.getIdentity(), signed.getRequest(), signed.getSignature());
        if (denied != null) {
            observer.onError(GatewayErrors.error(Status.Code.PERMISSION_DENIED, denied));
            return;
        }
        if (!peer.channel().channelId().equals(request.getChannelId())) {
            observer.onError(GatewayErrors.error(
                    Status.Code.NOT_FOUND, "ledger not found for channel " + request.getChannelId()));
            return;
        }
        ServerCallStreamObserver<ChaincodeEventsResponse> serverObserver =
                (ServerCallStreamObserver<ChaincodeEventsResponse>) observer;
        Optional<TxLocation> after = request.getAfterTransactionId().isEmpty()
                ? Optional.empty()
                : peer.ledger().transaction(request.getAfterTransactionId());
        long start = after.map(TxLocation::blockNum).orElseGet(() -> startBlock(request));
        String chaincodeId = request.getChaincodeId();
        streams.execute(() -> run(chaincodeId, serverObserver, start, after));
    }

    private long startBlock(ChaincodeEventsRequest request) {
        SeekPosition position = request.getStartPosition();
        if (position.getTypeCase() == SeekPosition.TypeCase.SPECIFIED) {
            return position.getSpecified().getNumber();
        }
        return peer.ledger().height();
    }

    private void run(
            String chaincodeId,
            ServerCallStreamObserver<ChaincodeEventsResponse> observer,
            long start,
            Optional<TxLocation> after) {
        BlockFollower follower = new BlockFollower(peer, observer, start);
        try {
            Block block;
            while ((block = follower.next()) != null) {
                long number = block.getHeader().getNumber();
                int firstTx = after.filter(a -> a.blockNum() == number)
                        .map(a -> (int) a.txNum() + 1)
                        .orElse(0);
                List<ChaincodeEvent> events = collectEvents(block, chaincodeId, firstTx);
                if (!events.isEmpty()) {
                    observer.onNext(ChaincodeEventsResponse.newBuilder()
                            .addAllEvents(events)
                            .setBlockNumber(block.getHeader().getNumber())
                            .build());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            observer.onError(GatewayErrors.error(Status.Code.CANCELLED, "event stream interrupted"));
        } catch (RuntimeException e) {
            if (!observer.isCancelled()) {
                observer.onError(GatewayErrors.error(Status.Code.ABORTED, String.valueOf(e.getMessage())));
            }
        }
    }

    /** Returns the events of valid transactions from index {@code firstTx} on that belong to the chaincode. */
    static List<ChaincodeEvent> collectEvents(Block block, String chaincodeId, int firstTx) {
        List<ChaincodeEvent> events = new ArrayList<>();
        byte[] filter = Blocks.transactionFilter(block);
        for (int i = firstTx; i < block.getData().getDataCount(); i++) {
            if (filter[i] != TxValidationCode.VALID_VALUE) {
                continue;
            }
            ParsedTransaction tx;
            try {
                tx = TransactionParser.parse(Envelope.parseFrom(block.getData().getData(i)));
            } catch (InvalidProtocolBufferException | InvalidTransactionException e) {
                continue;
            }
            Optional<ChaincodeEvent> event = tx.event();
            if (event.isPresent()
                    && event.get().getChaincodeId().equals(chaincodeId)
                    && !event.get().getEventName().isEmpty()
                    && !event.get().getTxId().isEmpty()) {
                events.add(event.get());
            }
        }
        return events;
    }
}
