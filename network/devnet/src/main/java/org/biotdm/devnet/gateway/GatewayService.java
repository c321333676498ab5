package org.biotdm.devnet.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.biotdm.devnet.ledger.TxLocation;
import org.biotdm.devnet.msp.MspException;
import org.biotdm.devnet.msp.MspIdentity;
import org.biotdm.devnet.orderer.BroadcastResult;
import org.biotdm.devnet.peer.ChaincodeDefinition;
import org.biotdm.devnet.peer.EndorsementResult;
import org.biotdm.devnet.peer.Peer;
import org.biotdm.devnet.peer.QuerySystemChaincode;
import org.biotdm.devnet.policy.ChannelPolicies;
import org.biotdm.devnet.policy.EndorsementPolicy;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeCall;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fabric Gateway service ({@code gateway.Gateway}) of one peer: Evaluate, Endorse, Submit, CommitStatus and
 * ChaincodeEvents with the behaviour, status codes and messages of Fabric 2.5's {@code internal/pkg/gateway}.
 *
 * <p>The server hosting it should call handlers on its transport threads ({@code directExecutor()}): no handler
 * blocks there. Evaluate and Endorse, which wait for chaincodes, move to the call pool; Submit only queues the
 * envelope; CommitStatus answers from the committer once the transaction commits, or from a timer at the call's
 * deadline. Compared with gRPC's default executor this saves thread hand-offs on every call and a parked thread per
 * waiting client.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {
    /** Longest wait for another organisation's peer to commit the blocks this gateway's peer has, in ms. */
    static final long CATCH_UP_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);

    private final ChannelPeers channel;
    private final ExecutorService endorsementPool;
    private final Executor callPool;
    private final ScheduledExecutorService timers;
    private final ChaincodeEventStreamer eventStreamer;
    private final Map<String, MspIdentity> peerIdentities;

    /**
     * Creates the gateway of one peer.
     *
     * @param channel the channel's peers and orderer as seen from this peer
     * @param endorsementPool runs endorsements on other organisations' peers in parallel
     * @param streamPool runs long-lived event streams
     * @param callPool runs the calls that wait for chaincodes (Evaluate, Endorse), one task per call
     * @param timers ends CommitStatus calls whose deadline passes before the transaction commits
     */
    public GatewayService(
            ChannelPeers channel,
            ExecutorService endorsementPool,
            ExecutorService streamPool,
            Executor callPool,
            ScheduledExecutorService timers) {
        this.channel = channel;
        this.endorsementPool = endorsementPool;
        this.callPool = callPool;
        this.timers = timers;
        this.eventStreamer = new ChaincodeEventStreamer(channel.local(), streamPool);
        this.peerIdentities = peerIdentities(channel);
    }

    /** The channel's peers as the endorsement planner sees them, one per organisation; fixed for the network's life. */
    private static Map<String, MspIdentity> peerIdentities(ChannelPeers channel) {
        Map<String, MspIdentity> identities = new LinkedHashMap<>();
        for (ChannelPeers.PeerEndpoint endpoint : channel.peers()) {
            try {
                identities.put(
                        endpoint.peer().mspId(),
                        channel.local()
                                .channel()
                                .msp()
                                .deserialize(endpoint.peer().identity().serialize()));
            } catch (MspException e) {
                throw new IllegalStateException("a channel peer's own identity is not valid", e);
            }
        }
        return identities;
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> observer) {
        onCallPool(observer, () -> doEvaluate(request));
    }

    /**
     * Answers a unary call from the call pool, with the outcome gRPC gives a handler that throws: its status for a
     * {@link StatusRuntimeException}, otherwise UNKNOWN "Application error processing RPC".
     */
    private <T> void onCallPool(StreamObserver<T> observer, Supplier<T> call) {
        try {
            callPool.execute(() -> {
                T response;
                try {
                    response = call.get();
                } catch (StatusRuntimeException e) {
                    observer.onError(e);
                    return;
                } catch (RuntimeException e) { // NOPMD - AvoidCatchingGenericException: as gRPC's own handler guard
                    LOG.warn("gateway call failed", e);
                    observer.onError(Status.UNKNOWN
                            .withDescription("Application error processing RPC")
                            .withCause(e)
                            .asRuntimeException());
                    return;
                }
                observer.onNext(response);
                observer.onCompleted();
            });
        } catch (RejectedExecutionException e) {
            observer.onError(Status.UNAVAILABLE
                    .withDescription("the gateway is shutting down")
                    .asRuntimeException());
        }
    }

    private EvaluateResponse doEvaluate(EvaluateRequest request) {
        Target target;
        try {
            target = target(request.getProposedTransaction());
        } catch (IllegalArgumentException e) {
            throw GatewayErrors.error(
                    Status.Code.INVALID_ARGUMENT, "failed to unpack transaction proposal: " + e.getMessage());
        }
        if (!isLocalChannel(target.channel())) {
            throw GatewayErrors.noChannelConfig(Status.Code.UNAVAILABLE, target.channel());
        }
        List<ChannelPeers.PeerEndpoint> candidates = evaluators(target, request.getTargetOrganizationsList());
        List<ErrorDetail> details = new ArrayList<>();
        for (ChannelPeers.PeerEndpoint endorser : candidates) {
            EndorsementResult result = endorser.peer().endorser().processProposal(request.getProposedTransaction());
            EndorserOutcome outcome = EndorserOutcome.of(result);
            if (outcome.ok()) {
                Response response = result.response().getResponse();
                Optional<ByteString> payload = resultPayload(result.response().getPayload());
                if (payload.isPresent()) {
                    response = response.toBuilder().setPayload(payload.get()).build();
                }
                return EvaluateResponse.newBuilder().setResult(response).build();
            }
            details.add(GatewayErrors.detail(endorser.address(), endorser.peer().mspId(), outcome.message()));
            if (!outcome.retry()) {
                throw GatewayErrors.error(
                        outcome.code(), "evaluate call to endorser returned error: " + outcome.message(), details);
            }
            // Fabric retries only on other peers of the same organisation; this network has one peer per
            // organisation, so a retryable failure ends the evaluation.
            throw GatewayErrors.error(
                    outcome.code(), "failed to evaluate transaction, see attached details for more info", details);
        }
        throw GatewayErrors.error(
                Status.Code.FAILED_PRECONDITION,
                "no peers available to evaluate chaincode " + target.chaincode() + " in channel " + target.channel());
    }

    private List<ChannelPeers.PeerEndpoint> evaluators(Target target, List<String> targetOrgs) {
        // Every peer runs the system chaincodes (registry.go hasChaincode), so qscc needs no definition; the devnet
        // serves no other system chaincode.
        if (channel.local().channel().chaincode(target.chaincode()).isEmpty()
                && !QuerySystemChaincode.NAME.equals(target.chaincode())) {
            return List.of();
        }
        if (targetOrgs.isEmpty()) {
            return List.of(channel.localEndpoint());
        }
        List<ChannelPeers.PeerEndpoint> endpoints = new ArrayList<>();
        for (String org : targetOrgs) {
            channel.byMsp(org).ifPresent(endpoints::add);
        }
        return endpoints.isEmpty() ? List.of() : List.of(endpoints.get(0));
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> observer) {
        onCallPool(observer, () -> doEndorse(request));
    }

    private EndorseResponse doEndorse(EndorseRequest request) {
        SignedProposal signedProposal = request.getProposedTransaction();
        if (signedProposal.getProposalBytes().isEmpty()) {
            throw GatewayErrors.error(
                    Status.Code.INVALID_ARGUMENT, "the proposed transaction must contain a signed proposal");
        }
        Proposal proposal;
        Header header;
        ChaincodeProposalPayload payload;
        String channelId;
        String chaincode;
        try {
            proposal = Proposal.parseFrom(signedProposal.getProposalBytes());
            header = Header.parseFrom(proposal.getHeader());
            channelId = ChannelHeader.parseFrom(header.getChannelHeader()).getChannelId();
            payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            chaincode = ChaincodeInvocationSpec.parseFrom(payload.getInput())
                    .getChaincodeSpec()
                    .getChaincodeId()
                    .getName();
        } catch (InvalidProtocolBufferException e) {
            throw GatewayErrors.error(Status.Code.INVALID_ARGUMENT, e.getMessage());
        }
        Endorsements endorsements = request.getEndorsingOrganizationsCount() > 0
                ? endorseOnOrgs(signedProposal, channelId, chaincode, request.getEndorsingOrganizationsList())
                : endorseByPlan(signedProposal, channelId, chaincode);
        ChaincodeEndorsedAction action = ChaincodeEndorsedAction.newBuilder()
                .setProposalResponsePayload(endorsements.responsePayload())
                .addAllEndorsements(endorsements.unique())
                .build();
        return EndorseResponse.newBuilder()
                .setPreparedTransaction(prepareTransaction(header, payload, action))
                .build();
    }

    /** The client named the endorsing organisations and takes responsibility for the policy. */
    private Endorsements endorseOnOrgs(
            SignedProposal signedProposal, String channelId, String chaincode, List<String> orgs) {
        List<ChannelPeers.PeerEndpoint> endorsers = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        // Fabric's registry counts only the peers of the channel that run the chaincode (registry.go endorsersByOrg).
        boolean runs = isLocalChannel(channelId)
                && (isDefined(chaincode) || GatewayErrors.SYSTEM_CHAINCODES.contains(chaincode));
        for (String org : orgs) {
            channel.byMsp(org).filter(endpoint -> runs).ifPresentOrElse(endorsers::add, () -> missing.add(org));
        }
        if (!missing.isEmpty()) {
            throw GatewayErrors.noEndorsingPeers(missing);
        }
        Endorsements collected = new Endorsements();
        collectAll(signedProposal, endorsers, collected);
        return collected.requireComplete();
    }

    /**
     * Fabric's {@code planFromFirstEndorser}: endorse on the local peer, read the key-level policies it reports in its
     * chaincode interest, then collect endorsements from enough other organisations to satisfy every policy.
     */
    private Endorsements endorseByPlan(SignedProposal signedProposal, String channelId, String chaincode) {
        ChannelPeers.PeerEndpoint first = channel.localEndpoint();
        // An unknown channel or chaincode has no local endorser, so Fabric asks discovery for a plan at once, which
        // has no definition for it. Fabric would run lscc and cscc on the local peer first and then fail the same
        // way; the devnet does not serve them, so they fail here too. _lifecycle, which discovery plans with the
        // channel's LifecycleEndorsement policy, goes to the endorser (which refuses it: not served).
        if (!isLocalChannel(channelId)
                || !isDefined(chaincode)
                        && !QuerySystemChaincode.NAME.equals(chaincode)
                        && !"_lifecycle".equals(chaincode)) {
            throw GatewayErrors.noMetadata(chaincode, channelId);
        }
        EndorsementResult firstResult = first.peer().endorser().processProposal(signedProposal);
        EndorserOutcome outcome = EndorserOutcome.of(firstResult);
        if (!outcome.ok()) {
            throw GatewayErrors.error(
                    Status.Code.ABORTED,
                    "failed to endorse transaction, see attached details for more info",
                    List.of(GatewayErrors.detail(first.address(), first.peer().mspId(), outcome.message())));
        }
        Endorsements collected = new Endorsements();
        collected.add(first, firstResult.response());
        Set<String> plan = planOrgs(
                channelId, chaincode, firstResult.response(), first.peer().mspId());
        List<ChannelPeers.PeerEndpoint> others = new ArrayList<>();
        for (String org : plan) {
            if (!org.equals(first.peer().mspId())) {
                channel.byMsp(org).ifPresent(others::add);
            }
        }
        collectAll(signedProposal, others, collected);
        return collected.requireComplete();
    }

    private Set<String> planOrgs(
            String channelId, String chaincode, ProposalResponse firstResponse, String preferredMsp) {
        // Discovery has no definition of qscc, so a peer cannot plan its endorsement.
        ChaincodeDefinition definition = channel.local()
                .channel()
                .chaincode(chaincode)
                .orElseThrow(() -> GatewayErrors.noMetadata(chaincode, channelId));
        ChannelPolicies policies = channel.local().channel().policies();
        List<EndorsementPolicy> required = new ArrayList<>();
        required.add(definition.endorsementPolicy());
        for (ChaincodeCall call : firstResponse.getInterest().getChaincodesList()) {
            for (SignaturePolicyEnvelope keyPolicy : call.getKeyPoliciesList()) {
                required.add(policies.fromValidationParameter(keyPolicy.toByteString()));
            }
        }
        return ChannelPolicies.minimalOrgSet(required, peerIdentities, preferredMsp)
                .orElseThrow(GatewayErrors::unsatisfiablePolicy);
    }

    private void collectAll(
            SignedProposal signedProposal, List<ChannelPeers.PeerEndpoint> endorsers, Endorsements collected) {
        long localHeight = channel.local().ledger().height();
        List<CompletableFuture<EndorsementResult>> futures = new ArrayList<>();
        int last = endorsers.size() - 1;
        for (int i = 0; i < last; i++) {
            ChannelPeers.PeerEndpoint endorser = endorsers.get(i);
            futures.add(CompletableFuture.supplyAsync(
                    () -> endorseCaughtUp(endorser, signedProposal, localHeight), endorsementPool));
        }
        // This thread would only wait for the others, so it endorses on the last peer itself: with MAJORITY of three
        // that is the only other peer, and each transaction saves a hand-off to the pool and back.
        EndorsementResult lastResult =
                last < 0 ? null : endorseCaughtUp(endorsers.get(last), signedProposal, localHeight);
        for (int i = 0; i < endorsers.size(); i++) {
            ChannelPeers.PeerEndpoint endorser = endorsers.get(i);
            EndorsementResult result = i == last ? lastResult : futures.get(i).join();
            EndorserOutcome outcome = EndorserOutcome.of(result);
            if (outcome.ok()) {
                collected.add(endorser, result.response());
            } else {
                collected.fail(
                        GatewayErrors.detail(endorser.address(), endorser.peer().mspId(), outcome.message()));
            }
        }
    }

    /**
     * Endorses on a peer once it has committed every block this gateway's own peer had when the request arrived,
     * waiting at most {@value #CATCH_UP_MILLIS} ms (then it endorses anyway). Fabric's gateway prefers the endorsers
     * with the highest ledger height but does not wait; its peers receive each block from the ordering service at
     * about the same time. Here every peer commits each block on its own thread, so a client that has just seen its
     * transaction committed (commit status comes from this gateway's peer) could otherwise have its next transaction
     * simulated on another organisation's peer before that peer committed the same block.
     */
    private static EndorsementResult endorseCaughtUp(
            ChannelPeers.PeerEndpoint endorser, SignedProposal signedProposal, long height) {
        Peer peer = endorser.peer();
        if (peer.ledger().height() < height) {
            try {
                peer.awaitBlock(height - 1, CATCH_UP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return peer.endorser().processProposal(signedProposal);
    }

    private static Envelope prepareTransaction(
            Header header, ChaincodeProposalPayload payload, ChaincodeEndorsedAction action) {
        ChaincodeProposalPayload withoutTransient = ChaincodeProposalPayload.newBuilder()
                .setInput(payload.getInput())
                .build();
        ChaincodeActionPayload actionPayload = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(withoutTransient.toByteString())
                .setAction(action)
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(header.getSignatureHeader())
                        .setPayload(actionPayload.toByteString()))
                .build();
        Payload txPayload = Payload.newBuilder()
                .setHeader(header)
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(txPayload.toByteString()).build();
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> observer) {
        if (!request.hasPreparedTransaction()) {
            observer.onError(GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "a prepared transaction is required"));
            return;
        }
        if (request.getPreparedTransaction().getSignature().isEmpty()) {
            observer.onError(GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "prepared transaction must be signed"));
            return;
        }
        if (!isLocalChannel(request.getChannelId())) {
            observer.onError(GatewayErrors.noChannelConfig(Status.Code.FAILED_PRECONDITION, request.getChannelId()));
            return;
        }
        BroadcastResult result = channel.orderer().broadcast(request.getPreparedTransaction());
        if (result.status() != org.hyperledger.fabric.protos.common.Status.SUCCESS) {
            observer.onError(ordererRefusal(result));
            return;
        }
        observer.onNext(SubmitResponse.getDefaultInstance());
        observer.onCompleted();
    }

    /**
     * As Fabric's {@code submit.go}: a 4xx status from the orderer is ABORTED with its status and info and no details;
     * any other status sends the transaction to the next orderer, and with none left the answer is UNAVAILABLE.
     */
    private static StatusRuntimeException ordererRefusal(BroadcastResult result) {
        int status = result.status().getNumber();
        if (status >= 400 && status < 500) {
            return GatewayErrors.error(
                    Status.Code.ABORTED,
                    "received unsuccessful response from orderer: status="
                            + result.status().name() + ", info=" + result.info());
        }
        return GatewayErrors.error(Status.Code.UNAVAILABLE, "no orderers could successfully process transaction");
    }

    private boolean isLocalChannel(String channelId) {
        return channel.local().channel().channelId().equals(channelId);
    }

    private boolean isDefined(String chaincode) {
        return channel.local().channel().chaincode(chaincode).isPresent();
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest signed, StreamObserver<CommitStatusResponse> observer) {
        CommitStatusRequest request;
        try {
            request = CommitStatusRequest.parseFrom(signed.getRequest());
        } catch (InvalidProtocolBufferException e) {
            observer.onError(
                    GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "invalid status request: " + e.getMessage()));
            return;
        }
        StatusRuntimeException invalid = checkCommitStatusRequest(request, signed);
        if (invalid != null) {
            observer.onError(invalid);
            return;
        }
        answerOnCommit(request.getTransactionId(), (ServerCallStreamObserver<CommitStatusResponse>) observer);
    }

    /**
     * Answers CommitStatus once the transaction commits, without holding a thread meanwhile: from the committer that
     * commits it (or at once when it already has), or with DEADLINE_EXCEEDED "context deadline exceeded" from a timer
     * when the call's deadline passes first; nothing once the client cancelled. Exactly one of them answers.
     */
    private void answerOnCommit(String txId, ServerCallStreamObserver<CommitStatusResponse> observer) {
        CompletableFuture<TxLocation> commit = channel.local().watchTransaction(txId);
        AtomicBoolean answered = new AtomicBoolean();
        AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
        observer.setOnCancelHandler(() -> {
            if (answered.compareAndSet(false, true)) {
                stopWaiting(txId, commit, timer);
            }
        });
        Deadline deadline = Context.current().getDeadline();
        if (deadline != null && !commit.isDone()) {
            long budget = Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS));
            timer.set(timers.schedule(
                    () -> {
                        if (answered.compareAndSet(false, true)) {
                            channel.local().stopWatching(txId, commit);
                            observer.onError(
                                    GatewayErrors.error(Status.Code.DEADLINE_EXCEEDED, "context deadline exceeded"));
                        }
                    },
                    budget,
                    TimeUnit.NANOSECONDS));
        }
        commit.whenComplete((location, failure) -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            stopWaiting(txId, commit, timer);
            if (failure != null) {
                observer.onError(Status.UNKNOWN
                        .withDescription("Application error processing RPC")
                        .withCause(failure)
                        .asRuntimeException());
                return;
            }
            observer.onNext(CommitStatusResponse.newBuilder()
                    .setResult(location.code())
                    .setBlockNumber(location.blockNum())
                    .build());
            observer.onCompleted();
        });
    }

    private void stopWaiting(
            String txId, CompletableFuture<TxLocation> commit, AtomicReference<ScheduledFuture<?>> timer) {
        ScheduledFuture<?> pending = timer.get();
        if (pending != null) {
            pending.cancel(false);
        }
        channel.local().stopWatching(txId, commit);
    }

    private StatusRuntimeException checkCommitStatusRequest(
            CommitStatusRequest request, SignedCommitStatusRequest signed) {
        if (request.getIdentity().isEmpty()) {
            return GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "no identity provided");
        }
        if (request.getChannelId().isEmpty()) {
            return GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "no channel ID provided");
        }
        if (request.getTransactionId().isEmpty()) {
            return GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "transaction ID should not be empty");
        }
        String denied = SignedRequests.checkReader(
                channel.local().channel(), request.getIdentity(), signed.getRequest(), signed.getSignature());
        if (denied != null) {
            return GatewayErrors.error(Status.Code.PERMISSION_DENIED, denied);
        }
        if (!channel.local().channel().channelId().equals(request.getChannelId())) {
            return GatewayErrors.error(Status.Code.ABORTED, "channel " + request.getChannelId() + " not found");
        }
        return null;
    }

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> observer) {
        eventStreamer.stream(signed, observer);
    }

    private static Optional<ByteString> resultPayload(ByteString proposalResponsePayload) {
        try {
            ProposalResponsePayload prp = ProposalResponsePayload.parseFrom(proposalResponsePayload);
            ChaincodeAction action = ChaincodeAction.parseFrom(prp.getExtension());
            return Optional.of(action.getResponse().getPayload());
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }

    private static Target target(SignedProposal signedProposal) {
        if (signedProposal.getProposalBytes().isEmpty()) {
            throw new IllegalArgumentException("a signed proposal is required");
        }
        try {
            Proposal proposal = Proposal.parseFrom(signedProposal.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(payload.getInput());
            String channelId = channelHeader.getChannelId();
            if (channelId.isEmpty()) {
                throw new IllegalArgumentException("no channel id provided");
            }
            if (!spec.hasChaincodeSpec()) {
                throw new IllegalArgumentException("no chaincode spec is provided, channel id [" + channelId + "]");
            }
            if (!spec.getChaincodeSpec().hasChaincodeId()) {
                throw new IllegalArgumentException("no chaincode id is provided, channel id [" + channelId + "]");
            }
            String name = spec.getChaincodeSpec().getChaincodeId().getName();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("no chaincode name is provided, channel id [" + channelId + "]");
            }
            return new Target(channelId, name);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private record Target(String channel, String chaincode) {}

    /** The endorsements collected for one proposal; every one must carry byte-identical response payloads. */
    private static final class Endorsements {
        private ByteString responsePayload;
        private final List<Endorsement> endorsements = new ArrayList<>();
        private final List<ErrorDetail> errors = new ArrayList<>();

        void add(ChannelPeers.PeerEndpoint endorser, ProposalResponse response) {
            if (responsePayload == null) {
                responsePayload = response.getPayload();
            } else if (!responsePayload.equals(response.getPayload())) {
                errors.add(GatewayErrors.detail(
                        endorser.address(), endorser.peer().mspId(), "ProposalResponsePayloads do not match"));
                return;
            }
            endorsements.add(response.getEndorsement());
        }

        void fail(ErrorDetail detail) {
            errors.add(detail);
        }

        Endorsements requireComplete() {
            if (!errors.isEmpty() || responsePayload == null) {
                throw GatewayErrors.error(
                        Status.Code.ABORTED,
                        "failed to collect enough transaction endorsements, see attached details for more info",
                        errors);
            }
            return this;
        }

        ByteString responsePayload() {
            return responsePayload;
        }

        List<Endorsement> unique() {
            List<Endorsement> unique = new ArrayList<>();
            for (Endorsement endorsement : endorsements) {
                if (unique.stream().noneMatch(e -> e.getEndorser().equals(endorsement.getEndorser()))) {
                    unique.add(endorsement);
                }
            }
            return unique;
        }
    }
}
