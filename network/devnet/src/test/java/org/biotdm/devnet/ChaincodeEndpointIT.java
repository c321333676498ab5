package org.biotdm.devnet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.devnet.chaincode.RegisterProbe;
import org.hyperledger.fabric.client.Contract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peers' chaincode endpoints accept only the chaincodes they launched: a stream in plaintext, or over TLS without
 * a client certificate the peer issued, cannot register, not even as a package ID it has read from a log, while the
 * launched chaincodes keep serving transactions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaincodeEndpointIT {
    @TempDir
    static Path dataDir;

    private DevnetFixture fixture;
    private String packageId;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    void start_network() {
        fixture = DevnetFixture.start(dataDir);
        packageId = fixture.devnet()
                .peers()
                .get(0)
                .channel()
                .chaincode(DevnetFixture.CHAINCODE)
                .orElseThrow()
                .packageId();
    }

    @AfterAll
    void stop_network() {
        fixture.close();
    }

    @AfterEach
    void close_channels() {
        channels.forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }

    @Test
    void plaintext_registration_is_refused_for_a_running_or_a_new_package() throws Exception {
        for (String name : List.of(packageId, "intruder:0001")) {
            ManagedChannel plaintext = track(NettyChannelBuilder.forTarget(chaincodeAddress())
                    .usePlaintext()
                    .build());

            RegisterProbe.Answer answer = RegisterProbe.register(plaintext, name);

            assertThat(answer.error()).isNotNull();
            assertThat(answer.error().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void tls_registration_without_the_peers_client_certificate_is_refused() throws Exception {
        Devnet.PeerEndpoint endpoint = fixture.devnet().endpoints().get(0);
        ManagedChannel anonymous = track(NettyChannelBuilder.forTarget(endpoint.chaincodeAddress())
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(endpoint.tlsRootCertificate().toFile())
                        .build())
                .overrideAuthority(endpoint.hostName())
                .build());

        RegisterProbe.Answer answer = RegisterProbe.register(anonymous, "intruder:0002");

        assertThat(answer.error()).isNotNull();
        assertThat(answer.error().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void launched_chaincodes_serve_transactions_with_owner_only_keys() throws Exception {
        Contract contract = fixture.gateway(1).getNetwork(DevnetFixture.CHANNEL).getContract(DevnetFixture.CHAINCODE);

        contract.submitTransaction("Put", "tls-k", "tls-v");

        assertThat(new String(contract.evaluateTransaction("Get", "tls-k"), UTF_8))
                .isEqualTo("tls-v");
        for (var peer : fixture.devnet().peers()) {
            Path key = dataDir.resolve("chaincode-tls")
                    .resolve(peer.name())
                    .resolve(DevnetFixture.CHAINCODE)
                    .resolve("client.key.b64");
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    private String chaincodeAddress() {
        return fixture.devnet().endpoints().get(0).chaincodeAddress();
    }

    private ManagedChannel track(ManagedChannel channel) {
        channels.add(channel);
        return channel;
    }
}
