package org.biotdm.chaincode.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.chaincode.CcaasPackage;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production launch path: the chaincode-as-a-service package the Maven build writes, deployed on the dev network,
 * whose peers dial the chaincode servers named in its {@code connection.json} with TLS and their client certificates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaincodeAsAServiceIT {

    @TempDir
    static Path dataDir;

    private ChaincodeServers servers;
    private BiotdmNetwork net;

    @BeforeAll
    void start_chaincode_servers_and_the_network_that_dials_them() throws Exception {
        servers = ChaincodeServers.start(dataDir, 3);
        net = BiotdmNetwork.startDialing(dataDir, servers);
    }

    @AfterAll
    void stop() {
        if (net != null) {
            net.close();
        }
        servers.close();
    }

    @Test
    void package_holds_a_ccaas_metadata_and_a_templated_connection() throws Exception {
        CcaasPackage ccaas = CcaasPackage.read(ChaincodeServers.ccaasPackage());

        assertThat(ccaas.label()).isEqualTo("biotdm");
        assertThat(ccaas.packageId()).matches("biotdm:[0-9a-f]{64}");
        JsonObject connection = ccaas.connection();
        assertThat(connection.get("address").getAsString()).isEqualTo("biotdm.{{.peername}}:9999");
        assertThat(connection.get("tls_required").getAsBoolean()).isTrue();
        assertThat(connection.get("client_auth_required").getAsBoolean()).isTrue();
    }

    @Test
    void transactions_commit_through_the_chaincode_servers_the_peers_dialed() throws Exception {
        BiotdmClient admin = net.admin(0);

        BiotdmClient.Committed registered = admin.submit(
                "devices",
                "RegisterDevice",
                Requests.registerForClaim("dev-ccaas-1", "fleet-ccaas", Digests.sha256Hex("claim")));
        JsonObject readByOrg2 = net.admin(1).evaluateObject("devices", "GetDevice", "dev-ccaas-1");

        assertThat(registered.record().get("deviceId").getAsString()).isEqualTo("dev-ccaas-1");
        assertThat(readByOrg2).isEqualTo(registered.record());
    }

    @Test
    void chaincode_server_refuses_a_client_without_a_certificate_of_the_organisations_tls_ca() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forTarget(servers.loopbackAddress(0))
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(net.org(0).tlsCaCertificateFile().toFile())
                        .build())
                .overrideAuthority("biotdm." + net.org(0).peerName())
                .build();
        try {
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            StreamObserver<ChaincodeMessage> toServer = ChaincodeGrpc.newStub(channel)
                    .connect(new StreamObserver<>() {
                        @Override
                        public void onNext(ChaincodeMessage message) {
                            ended.complete(new AssertionError("the server sent " + message.getType()));
                        }

                        @Override
                        public void onError(Throwable t) {
                            ended.complete(t);
                        }

                        @Override
                        public void onCompleted() {
                            ended.complete(new AssertionError("the server completed the stream"));
                        }
                    });
            toServer.onNext(ChaincodeMessage.newBuilder()
                    .setType(ChaincodeMessage.Type.KEEPALIVE)
                    .build());

            assertThat(ended.get(30, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            channel.shutdownNow();
        }
    }
}
