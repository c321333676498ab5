package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage.Type;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChaincodeSupportTest {

    static final String PACKAGE = "testcc:0123abcd";
    static final SignedProposal PROPOSAL = SignedProposal.newBuilder()
            .setProposalBytes(ByteString.copyFromUtf8("proposal"))
            .setSignature(ByteString.copyFromUtf8("signature"))
            .build();
    static final ChaincodeInput INPUT =
            ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("Put")).build();
    static final Response OK = Response.newBuilder().setStatus(200).build();

    private final ChaincodeSupport support = new ChaincodeSupport("peer0.org1", Duration.ofSeconds(30));
    private final InMemoryState state = new InMemoryState();

    static CompletableFuture<ChaincodeResult> executeAsync(
            ChaincodeSupport support, String packageId, String txId, TxSimulator simulator) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return support.execute(
                        new ChaincodeInvocation("testcc", packageId, FakeShim.CHANNEL, txId, PROPOSAL, INPUT),
                        simulator);
            } catch (ChaincodeExecutionException e) {
                throw new CompletionException(e);
            }
        });
    }

    static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("execution did not end", e);
        }
        throw new AssertionError("execution succeeded");
    }

    @Nested
    class Registration {

        @Test
        void registered_chaincode_is_ready_for_transactions() throws Exception {
            FakeShim.connect(support).register(PACKAGE);

            assertThat(support.isRegistered(PACKAGE)).isTrue();
            assertThat(support.awaitRegistered(PACKAGE, Duration.ZERO)).isTrue();
        }

        @Test
        void second_register_of_a_live_package_is_refused() throws Exception {
            FakeShim.connect(support).register(PACKAGE);
            FakeShim second = FakeShim.connect(support);

            second.send(ChaincodeMessage.newBuilder()
                    .setType(Type.REGISTER)
                    .setPayload(
                            ChaincodeID.newBuilder().setName(PACKAGE).build().toByteString())
                    .build());

            assertThat(second.error()).hasMessageContaining("duplicate chaincodeID: " + PACKAGE);
            assertThat(support.isRegistered(PACKAGE)).isTrue();
        }

        @Test
        void package_registers_again_after_its_stream_ends() throws Exception {
            FakeShim first = FakeShim.connect(support).register(PACKAGE);

            first.die();
            assertThat(support.isRegistered(PACKAGE)).isFalse();

            FakeShim.connect(support).register(PACKAGE);
            assertThat(support.isRegistered(PACKAGE)).isTrue();
        }

        @Test
        void message_other_than_register_before_registration_ends_the_stream() {
            FakeShim shim = FakeShim.connect(support);

            shim.send(FakeShim.message(Type.GET_STATE, "tx1", ByteString.EMPTY));

            assertThat(shim.error())
                    .hasMessageContaining(
                            "Fabric side handler cannot handle message (GET_STATE) while in created state");
        }

        @Test
        void await_registered_times_out_for_an_unknown_package() {
            assertThat(support.awaitRegistered("nope:1", Duration.ofMillis(20))).isFalse();
        }
    }

    @Nested
    class Execute {

        @Test
        void sends_transaction_and_returns_completed_response_and_event() throws Exception {
            FakeShim shim = FakeShim.connect(support).register(PACKAGE);
            CompletableFuture<ChaincodeResult> result =
                    executeAsync(support, PACKAGE, "tx1", new TxSimulator(state, "tx1"));

            ChaincodeMessage transaction = shim.take();
            assertThat(transaction.getType()).isEqualTo(Type.TRANSACTION);
            assertThat(transaction.getTxid()).isEqualTo("tx1");
            assertThat(transaction.getChannelId()).isEqualTo(FakeShim.CHANNEL);
            assertThat(transaction.getProposal()).isEqualTo(PROPOSAL);
            assertThat(ChaincodeInput.parseFrom(transaction.getPayload())).isEqualTo(INPUT);
            ChaincodeEvent event = ChaincodeEvent.newBuilder()
                    .setEventName("made")
                    .setPayload(ByteString.copyFromUtf8("p"))
                    .build();
            shim.send(FakeShim.message(Type.COMPLETED, "tx1", OK.toByteString()).toBuilder()
                    .setChaincodeEvent(event)
                    .build());

            ChaincodeResult done = result.get(10, TimeUnit.SECONDS);
            assertThat(done.response()).isEqualTo(OK);
            assertThat(done.event()).isEqualTo(event);
        }

        @Test
        void completed_without_event_has_null_event() throws Exception {
            FakeShim shim = FakeShim.connect(support).register(PACKAGE);
            CompletableFuture<ChaincodeResult> result =
                    executeAsync(support, PACKAGE, "tx1", new TxSimulator(state, "tx1"));
            shim.take();

            shim.complete(
                    "tx1",
                    Response.newBuilder().setStatus(500).setMessage("nope").build());

            ChaincodeResult done = result.get(10, TimeUnit.SECONDS);
            assertThat(done.response().getStatus()).isEqualTo(500);
            assertThat(done.response().getMessage()).isEqualTo("nope");
            assertThat(done.event()).isNull();
        }

        @Test
        void shim_error_fails_with_fabric_text() throws Exception {
            FakeShim shim = FakeShim.connect(support).register(PACKAGE);
            CompletableFuture<ChaincodeResult> result =
                    executeAsync(support, PACKAGE, "tx1", new TxSimulator(state, "tx1"));
            shim.take();

            shim.send(FakeShim.message(Type.ERROR, "tx1", ByteString.copyFromUtf8("java.lang.NullPointerException")));

            assertThat(failure(result))
                    .isInstanceOf(ChaincodeExecutionException.class)
                    .hasMessage("transaction returned with failure: java.lang.NullPointerException");
        }

        @Test
        void dead_stream_fails_every_transaction_in_flight() throws Exception {
            FakeShim shim = FakeShim.connect(support).register(PACKAGE);
            CompletableFuture<ChaincodeResult> first =
                    executeAsync(support, PACKAGE, "tx1", new TxSimulator(state, "tx1"));
            CompletableFuture<ChaincodeResult> second =
                    executeAsync(support, PACKAGE, "tx2", new TxSimulator(state, "tx2"));
            shim.take();
            shim.take();

            shim.die();

            assertThat(failure(first))
                    .hasMessage("failed to execute transaction tx1: error sending: chaincode stream terminated");
            assertThat(failure(second)).hasMessageEndingWith("chaincode stream terminated");
        }

        @Test
        void unanswered_transaction_times_out() throws Exception {
            ChaincodeSupport impatient = new ChaincodeSupport("peer0.org1", Duration.ofMillis(50));
            FakeShim.connect(impatient).register(PACKAGE);

            assertThatThrownBy(() -> impatient.execute(
                            new ChaincodeInvocation("testcc", PACKAGE, FakeShim.CHANNEL, "tx1", PROPOSAL, INPUT),
                            new TxSimulator(state, "tx1")))
                    .isInstanceOf(ChaincodeExecutionException.class)
                    .hasMessage("failed to execute transaction tx1: error sending: timeout expired while executing"
                            + " transaction");
        }

        @Test
        void same_channel_and_txid_twice_on_one_chaincode_is_refused() throws Exception {
            FakeShim shim = FakeShim.connect(support).register(PACKAGE);
            CompletableFuture<ChaincodeResult> first =
                    executeAsync(support, PACKAGE, "tx1", new TxSimulator(state, "tx1"));
            shim.take();

            assertThatThrownBy(() -> support.execute(
                            new ChaincodeInvocation("testcc", PACKAGE, FakeShim.CHANNEL, "tx1", PROPOSAL, INPUT),
                            new TxSimulator(state, "tx1")))
                    .hasMessage("failed to execute transaction tx1: error sending: txid: tx1(mychannel) exists");
            shim.complete("tx1", OK);
            assertThat(first.get(10, TimeUnit.SECONDS).response()).isEqualTo(OK);
        }

        @Test
        void unregistered_package_fails_after_the_launch_timeout() {
            support.setLaunchTimeout(Duration.ofMillis(20));

            assertThatThrownBy(() -> support.execute(
                            new ChaincodeInvocation("testcc", "nope:1", FakeShim.CHANNEL, "tx1", PROPOSAL, INPUT),
                            new TxSimulator(state, "tx1")))
                    .hasMessage("failed to execute transaction tx1: could not launch chaincode nope:1: timeout"
                            + " expired while starting chaincode nope:1 for transaction");
        }

        @Test
        void execution_waits_for_a_chaincode_that_registers_late() throws Exception {
            CompletableFuture<ChaincodeResult> result =
                    executeAsync(support, PACKAGE, "tx1", new TxSimulator(state, "tx1"));
            FakeShim shim = FakeShim.connect(support).register(PACKAGE);

            assertThat(shim.take().getType()).isEqualTo(Type.TRANSACTION);
            shim.complete("tx1", OK);
            assertThat(result.get(10, TimeUnit.SECONDS).response()).isEqualTo(OK);
        }

        @Test
        void interleaved_transactions_use_their_own_simulators() throws Exception {
            FakeShim shim = FakeShim.connect(support).register(PACKAGE);
            TxSimulator one = new TxSimulator(state, "tx1");
            TxSimulator two = new TxSimulator(state, "tx2");
            CompletableFuture<ChaincodeResult> first = executeAsync(support, PACKAGE, "tx1", one);
            shim.take();
            CompletableFuture<ChaincodeResult> second = executeAsync(support, PACKAGE, "tx2", two);
            shim.take();

            shim.request(Type.PUT_STATE, "tx2", put("k", "two"));
            shim.request(Type.PUT_STATE, "tx1", put("k", "one"));
            shim.complete("tx2", OK);
            shim.complete("tx1", OK);

            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
            assertThat(writtenValue(one)).isEqualTo("one");
            assertThat(writtenValue(two)).isEqualTo("two");
        }
    }

    @Nested
    class ChaincodeToChaincode {

        private FakeShim caller;
        private FakeShim callee;

        private void invoke(String name) {
            ChaincodeSpec spec = ChaincodeSpec.newBuilder()
                    .setChaincodeId(ChaincodeID.newBuilder().setName(name))
                    .setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("Put")))
                    .build();
            caller.send(FakeShim.message(Type.INVOKE_CHAINCODE, "tx1", spec.toByteString()));
        }

        private void connect() throws InterruptedException {
            caller = FakeShim.connect(support).register(PACKAGE);
            callee = FakeShim.connect(support).register("callee:1");
            support.setChaincodeResolver(name -> name.equals("callee") ? Optional.of("callee:1") : Optional.empty());
        }

        @Test
        void callee_runs_with_same_txid_proposal_and_simulator_in_its_namespace() throws Exception {
            connect();
            TxSimulator simulator = new TxSimulator(state, "tx1");
            CompletableFuture<ChaincodeResult> result = executeAsync(support, PACKAGE, "tx1", simulator);
            caller.take();

            invoke("callee:2.0");
            ChaincodeMessage transaction = callee.take();
            assertThat(transaction.getType()).isEqualTo(Type.TRANSACTION);
            assertThat(transaction.getTxid()).isEqualTo("tx1");
            assertThat(transaction.getProposal()).isEqualTo(PROPOSAL);
            assertThat(callee.request(Type.PUT_STATE, "tx1", put("k", "from-callee"))
                            .getType())
                    .isEqualTo(Type.RESPONSE);
            callee.complete(
                    "tx1",
                    Response.newBuilder().setStatus(200).setMessage("callee ok").build());

            ChaincodeMessage reply = caller.take();
            assertThat(reply.getType()).isEqualTo(Type.RESPONSE);
            ChaincodeMessage calleeMessage = ChaincodeMessage.parseFrom(reply.getPayload());
            assertThat(calleeMessage.getType()).isEqualTo(Type.COMPLETED);
            assertThat(Response.parseFrom(calleeMessage.getPayload()).getMessage())
                    .isEqualTo("callee ok");
            caller.complete("tx1", OK);
            result.get(10, TimeUnit.SECONDS);
            assertThat(simulator.results().getNsRwsetList())
                    .extracting(NsReadWriteSet::getNamespace)
                    .containsExactly("callee");
        }

        @Test
        void unknown_callee_is_refused_with_fabric_text() throws Exception {
            connect();
            CompletableFuture<ChaincodeResult> result =
                    executeAsync(support, PACKAGE, "tx1", new TxSimulator(state, "tx1"));
            caller.take();

            invoke("nope");

            assertThat(caller.take().getPayload().toStringUtf8())
                    .isEqualTo("INVOKE_CHAINCODE failed: transaction ID: tx1: execute failed: invalid invocation:"
                            + " [channel mychannel] failed to get chaincode container info for nope: chaincode nope"
                            + " not found");
            caller.complete("tx1", OK);
            result.get(10, TimeUnit.SECONDS);
        }

        @Test
        void calling_itself_collides_on_the_txid() throws Exception {
            connect();
            support.setChaincodeResolver(name -> Optional.of(PACKAGE));
            CompletableFuture<ChaincodeResult> result =
                    executeAsync(support, PACKAGE, "tx1", new TxSimulator(state, "tx1"));
            caller.take();

            invoke("testcc");

            ChaincodeMessage reply = caller.take();
            assertThat(reply.getType()).isEqualTo(Type.ERROR);
            assertThat(reply.getPayload().toStringUtf8()).endsWith("error sending: txid: tx1(mychannel) exists");
            caller.complete("tx1", OK);
            result.get(10, TimeUnit.SECONDS);
        }

        @Test
        void other_channel_is_refused() throws Exception {
            connect();
            CompletableFuture<ChaincodeResult> result =
                    executeAsync(support, PACKAGE, "tx1", new TxSimulator(state, "tx1"));
            caller.take();

            invoke("callee/otherchannel");

            assertThat(caller.take().getPayload().toStringUtf8())
                    .isEqualTo("INVOKE_CHAINCODE failed: transaction ID: tx1: failed to find ledger for channel:"
                            + " otherchannel");
            caller.complete("tx1", OK);
            result.get(10, TimeUnit.SECONDS);
        }
    }

    static PutState put(String key, String value) {
        return PutState.newBuilder()
                .setKey(key)
                .setValue(ByteString.copyFromUtf8(value))
                .build();
    }

    private static String writtenValue(TxSimulator simulator) throws InvalidProtocolBufferException {
        return KVRWSet.parseFrom(simulator.results().getNsRwset(0).getRwset())
                .getWrites(0)
                .getValue()
                .toStringUtf8();
    }
}
