package org.biotdm.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.UUID;
import org.biotdm.devnet.ca.CertificateAuthority;
import org.biotdm.devnet.crypto.Ecdsa;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, unsigned and mis-signed requests, unknown channels and chaincodes, and identities from an unknown CA get
 * the gRPC status and message a real Fabric gateway returns, and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {
    private static final String NO_PLAN =
            "no combination of peers can be derived which satisfy the endorsement policy: ";

    @TempDir
    static Path dataDir;

    private DevnetFixture fixture;
    private Contract contract;
    private GatewayGrpc.GatewayBlockingStub rawGateway;

    @BeforeAll
    void start_network() {
        fixture = DevnetFixture.start(dataDir);
        contract = fixture.gateway(0).getNetwork(DevnetFixture.CHANNEL).getContract(DevnetFixture.CHAINCODE);
        ManagedChannel channel = fixture.channel(0);
        rawGateway = GatewayGrpc.newBlockingStub(channel);
    }

    @AfterAll
    void stop_network() {
        fixture.close();
    }

    private long height() {
        return fixture.devnet().peers().get(0).ledger().height();
    }

    @Test
    void garbage_proposal_bytes_are_an_invalid_argument() {
        EvaluateRequest request = EvaluateRequest.newBuilder()
                .setProposedTransaction(SignedProposal.newBuilder()
                        .setProposalBytes(ByteString.copyFromUtf8("not a proposal"))
                        .setSignature(ByteString.copyFromUtf8("x")))
                .build();

        assertThatThrownBy(() -> rawGateway.evaluate(request))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith("failed to unpack transaction proposal: ");
                });
    }

    @Test
    void endorse_without_a_proposal_and_unsigned_submit_are_invalid_arguments() {
        assertThatThrownBy(() -> rawGateway.endorse(EndorseRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("the proposed transaction must contain a signed proposal");
                });
        SubmitRequest unsigned = SubmitRequest.newBuilder()
                .setChannelId(DevnetFixture.CHANNEL)
                .setPreparedTransaction(Envelope.newBuilder().setPayload(ByteString.copyFromUtf8("p")))
                .build();
        assertThatThrownBy(() -> rawGateway.submit(unsigned))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("prepared transaction must be signed");
                });
    }

    @Test
    void unknown_chaincode_is_refused_with_fabrics_texts() {
        Contract unknown = fixture.gateway(0).getNetwork(DevnetFixture.CHANNEL).getContract("nosuchcc");

        assertThatThrownBy(() -> unknown.evaluateTransaction("Get", "k"))
                .isInstanceOfSatisfying(
                        GatewayException.class,
                        e -> assertStatus(
                                e.getStatus(),
                                Status.Code.FAILED_PRECONDITION,
                                "no peers available to evaluate chaincode nosuchcc in channel mychannel"));
        assertThatThrownBy(() -> unknown.submitTransaction("Put", "k", "v"))
                .isInstanceOfSatisfying(
                        EndorseException.class,
                        e -> assertStatus(
                                e.getStatus(),
                                Status.Code.FAILED_PRECONDITION,
                                NO_PLAN + "No metadata was found for chaincode nosuchcc in channel mychannel"));
        assertThatThrownBy(() -> unknown.newProposal("Put")
                        .addArguments("k", "v")
                        .setEndorsingOrganizations("Org2MSP")
                        .build()
                        .endorse())
                .isInstanceOfSatisfying(
                        EndorseException.class,
                        e -> assertStatus(
                                e.getStatus(),
                                Status.Code.UNAVAILABLE,
                                "failed to find any endorsing peers for org(s): Org2MSP"));
    }

    @Test
    void unknown_channel_is_refused_with_fabrics_texts() {
        Contract elsewhere = fixture.gateway(0).getNetwork("otherchannel").getContract(DevnetFixture.CHAINCODE);
        String noConfig = "failed to get config for channel [otherchannel]: could not get last config for channel"
                + " otherchannel";

        assertThatThrownBy(() -> elsewhere.evaluateTransaction("Get", "k"))
                .isInstanceOfSatisfying(
                        GatewayException.class, e -> assertStatus(e.getStatus(), Status.Code.UNAVAILABLE, noConfig));
        assertThatThrownBy(() -> elsewhere.submitTransaction("Put", "k", "v"))
                .isInstanceOfSatisfying(
                        EndorseException.class,
                        e -> assertStatus(
                                e.getStatus(),
                                Status.Code.FAILED_PRECONDITION,
                                NO_PLAN + "No metadata was found for chaincode testcc in channel otherchannel"));
        SubmitRequest misdirected = SubmitRequest.newBuilder()
                .setChannelId("otherchannel")
                .setPreparedTransaction(Envelope.newBuilder()
                        .setPayload(ByteString.copyFromUtf8("p"))
                        .setSignature(ByteString.copyFromUtf8("s")))
                .build();
        assertThatThrownBy(() -> rawGateway.submit(misdirected))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertStatus(e.getStatus(), Status.Code.FAILED_PRECONDITION, noConfig));
    }

    @Test
    void system_chaincodes_without_a_definition_cannot_be_submitted() {
        for (String systemChaincode : new String[] {"lscc", "cscc"}) {
            Contract system =
                    fixture.gateway(0).getNetwork(DevnetFixture.CHANNEL).getContract(systemChaincode);

            assertThatThrownBy(() -> system.submitTransaction("getid", DevnetFixture.CHANNEL, "testcc"))
                    .isInstanceOfSatisfying(
                            EndorseException.class,
                            e -> assertStatus(
                                    e.getStatus(),
                                    Status.Code.FAILED_PRECONDITION,
                                    NO_PLAN + "No metadata was found for chaincode " + systemChaincode + " in channel"
                                            + " mychannel"));
        }
    }

    @Test
    void undefined_function_and_contract_fail_endorsement_with_the_contract_apis_texts() {
        Contract unknownContract =
                fixture.gateway(0).getNetwork(DevnetFixture.CHANNEL).getContract(DevnetFixture.CHAINCODE, "Nope");

        assertThatThrownBy(() -> contract.submitTransaction("NoSuchFunction"))
                .isInstanceOfSatisfying(
                        EndorseException.class,
                        e -> assertEndorsementFailed(e, "chaincode response 500, Undefined contract method called"));
        assertThatThrownBy(() -> unknownContract.submitTransaction("Put", "a", "b"))
                .isInstanceOfSatisfying(
                        EndorseException.class,
                        e -> assertEndorsementFailed(e, "chaincode response 500, Undefined contract called"));
    }

    @Test
    void key_policy_no_peer_can_satisfy_is_refused_before_ordering() throws Exception {
        String key = "unsatisfiable-" + UUID.randomUUID();
        contract.submitTransaction("Put", key, "v0");
        contract.submitTransaction("SetKeyPolicy", key, "Org9MSP");
        long before = height();

        assertThatThrownBy(() -> contract.submitTransaction("Put", key, "v1"))
                .isInstanceOfSatisfying(
                        EndorseException.class,
                        e -> assertStatus(
                                e.getStatus(),
                                Status.Code.FAILED_PRECONDITION,
                                NO_PLAN + "no peer combination can satisfy the endorsement policy"));
        assertThat(height()).isEqualTo(before);
    }

    private static void assertStatus(Status status, Status.Code code, String description) {
        assertThat(status.getCode()).isEqualTo(code);
        assertThat(status.getDescription()).isEqualTo(description);
    }

    private static void assertEndorsementFailed(EndorseException e, String detail) {
        assertStatus(
                e.getStatus(),
                Status.Code.ABORTED,
                "failed to endorse transaction, see attached details for more info");
        assertThat(e.getDetails())
                .extracting(ErrorDetail::getMessage)
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith(detail);
    }

    @Test
    void identity_from_an_unknown_ca_is_access_denied() {
        CertificateAuthority rogue = CertificateAuthority.createRoot("org1.example.com", "ca.org1.example.com");
        KeyPair keys = Ecdsa.generateP256();
        X509Certificate certificate = rogue.issue("intruder", "client", keys.getPublic(), Map.of());
        Gateway intruder = fixture.gateway(
                0, new X509Identity("Org1MSP", certificate), Signers.newPrivateKeySigner(keys.getPrivate()));
        Contract intruderContract = intruder.getNetwork(DevnetFixture.CHANNEL).getContract(DevnetFixture.CHAINCODE);
        long before = height();

        assertThatThrownBy(() -> intruderContract.submitTransaction("Put", "intruder", "x"))
                .isInstanceOfSatisfying(EndorseException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
                    assertThat(e.getDetails())
                            .extracting(ErrorDetail::getMessage)
                            .containsExactly("error validating proposal: access denied: channel [mychannel] creator"
                                    + " org unknown, creator is malformed");
                });
        assertThatThrownBy(() -> intruderContract.evaluateTransaction("Get", "intruder"))
                .isInstanceOfSatisfying(
                        GatewayException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION))
                .hasMessageContaining("evaluate call to endorser returned error: error validating proposal: access"
                        + " denied: channel [mychannel] creator org unknown, creator is malformed");
        assertThat(height()).isEqualTo(before);
    }

    @Test
    void proposal_signed_with_another_key_is_access_denied() {
        KeyPair other = Ecdsa.generateP256();
        Gateway misSigned = fixture.gateway(
                0,
                new X509Identity("Org1MSP", fixture.org(0).gatewayClient().certificate()),
                Signers.newPrivateKeySigner(other.getPrivate()));
        Contract misSignedContract = misSigned.getNetwork(DevnetFixture.CHANNEL).getContract(DevnetFixture.CHAINCODE);

        assertThatThrownBy(() -> misSignedContract.submitTransaction("Put", "missigned", "x"))
                .isInstanceOfSatisfying(EndorseException.class, e -> assertThat(e.getDetails())
                        .extracting(ErrorDetail::getMessage)
                        .containsExactly(
                                "error validating proposal: access denied: channel [mychannel] creator org [Org1MSP]"));
    }

    @Test
    void envelope_signed_with_another_key_is_forbidden_by_the_orderer() throws Exception {
        Transaction endorsed = contract.newProposal("Put")
                .addArguments("forbidden-" + UUID.randomUUID(), "x")
                .build()
                .endorse();
        byte[] badSignature = Ecdsa.sign(Ecdsa.generateP256().getPrivate(), endorsed.getBytes());
        Transaction misSigned = fixture.gateway(0).newSignedTransaction(endorsed.getBytes(), badSignature);
        long before = height();

        assertThatThrownBy(misSigned::submit).isInstanceOfSatisfying(SubmitException.class, e -> {
            assertStatus(
                    e.getStatus(),
                    Status.Code.ABORTED,
                    "received unsuccessful response from orderer: status=FORBIDDEN, info=implicit policy evaluation"
                            + " failed - 0 sub-policies were satisfied, but this policy requires 1 of the 'Writers'"
                            + " sub-policies to be satisfied: permission denied");
            assertThat(e.getDetails()).isEmpty();
        });
        assertThat(fixture.devnet().peers().get(0).ledger().transaction(endorsed.getTransactionId()))
                .isEmpty();
        assertThat(height()).isEqualTo(before);
    }
}
