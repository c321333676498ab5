package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.OrgCrypto;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaincode endpoint as the devnet serves it: TLS with client certificates that the peer issues per package ID.
 * The client side reads the launch files the way the Java shim's {@code ChaincodeBase} does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaincodeTlsTest {
    private static final String PACKAGE = "biotdm:1111";
    private static final String OTHER_PACKAGE = "biotdm:2222";

    @TempDir
    static Path dir;

    private OrgCrypto org;
    private ChaincodeTls tls;
    private ChaincodeSupport support;
    private Server server;
    private final List<ManagedChannel> channels = new ArrayList<>();

    @BeforeAll
    void start_endpoint() throws Exception {
        org = CryptoMaterial.generateOrLoad(dir.resolve("organizations"), 1)
                .orgs()
                .get(0);
        tls = new ChaincodeTls(org.peerName(), org.peerTlsCertificate(), org.peerTlsKey(), org.tlsCaCertificateFile());
        support = new ChaincodeSupport(org.peerName());
        support.requireClientCertificates();
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(tls.serverContext())
                .addService(ServerInterceptors.intercept(support.grpcService(), tls.authenticator()))
                .build()
                .start();
    }

    @AfterAll
    void stop_endpoint() throws Exception {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void close_channels() {
        channels.forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }

    @Test
    void registration_with_the_certificate_issued_for_its_package_is_accepted() throws Exception {
        ChaincodeTls.LaunchCredentials credentials = tls.issue(PACKAGE, dir.resolve("launch-1"));

        RegisterProbe.Answer answer = RegisterProbe.register(shimChannel(credentials), PACKAGE);

        assertThat(answer.type()).isEqualTo(ChaincodeMessage.Type.REGISTERED);
        assertThat(support.awaitRegistered(PACKAGE, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void registration_as_another_package_than_the_certificates_is_refused() throws Exception {
        ChaincodeTls.LaunchCredentials credentials = tls.issue(OTHER_PACKAGE, dir.resolve("launch-2"));

        RegisterProbe.Answer answer = RegisterProbe.register(shimChannel(credentials), "biotdm:3333");

        assertThat(answer.error().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(answer.error().getDescription()).contains("not issued for the package");
        assertThat(support.isRegistered("biotdm:3333")).isFalse();
    }

    @Test
    void plaintext_registration_is_refused() throws Exception {
        ManagedChannel plaintext = track(NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .usePlaintext()
                .build());

        RegisterProbe.Answer answer = RegisterProbe.register(plaintext, "biotdm:4444");

        assertThat(answer.error().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(support.isRegistered("biotdm:4444")).isFalse();
    }

    @Test
    void tls_without_a_client_certificate_or_with_another_peers_is_refused() throws Exception {
        ManagedChannel anonymous = track(NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(org.tlsCaCertificateFile().toFile())
                        .build())
                .build());
        ChaincodeTls otherPeer =
                new ChaincodeTls("peer0.other", org.peerTlsCertificate(), org.peerTlsKey(), org.tlsCaCertificateFile());
        ManagedChannel foreign = shimChannel(otherPeer.issue("biotdm:5555", dir.resolve("launch-3")));

        assertThat(RegisterProbe.register(anonymous, "biotdm:5555").error().getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(RegisterProbe.register(foreign, "biotdm:5555").error().getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(support.isRegistered("biotdm:5555")).isFalse();
    }

    @Test
    void launch_files_are_owner_only_and_the_key_is_base64_of_a_pkcs8_pem() throws Exception {
        ChaincodeTls.LaunchCredentials credentials =
                tls.issue(PACKAGE, dir.resolve("launch-4").resolve("cc"));

        assertThat(Files.getPosixFilePermissions(dir.resolve("launch-4")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (Path file : List.of(
                credentials.clientKeyFile(), credentials.clientCertificateFile(), credentials.rootCertificateFile())) {
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(new String(Base64.getDecoder().decode(Files.readAllBytes(credentials.clientKeyFile()))))
                .startsWith("-----BEGIN PRIVATE KEY-----");
    }

    /** Builds the client the way the Java shim does from its TLS environment settings. */
    private ManagedChannel shimChannel(ChaincodeTls.LaunchCredentials credentials) throws Exception {
        byte[] key = Base64.getDecoder().decode(Files.readAllBytes(credentials.clientKeyFile()));
        byte[] cert = Base64.getDecoder().decode(Files.readAllBytes(credentials.clientCertificateFile()));
        SslContextBuilder context = GrpcSslContexts.forClient()
                .trustManager(credentials.rootCertificateFile().toFile())
                .keyManager(new ByteArrayInputStream(cert), new ByteArrayInputStream(key));
        return track(NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
                .sslContext(context.build())
                .build());
    }

    private ManagedChannel track(ManagedChannel channel) {
        channels.add(channel);
        return channel;
    }
}
