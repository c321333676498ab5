package org.biotdm.devnet.ca;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the generated TLS files work as they are for a gRPC server and its clients. */
class TlsMaterialTest {
    private static final MethodDescriptor<byte[], byte[]> PING = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("biotdm.Test/Ping")
            .setRequestMarshaller(new BytesMarshaller())
            .setResponseMarshaller(new BytesMarshaller())
            .build();

    @Test
    void peer_tls_files_serve_grpc_to_a_client_trusting_the_org_tls_ca(@TempDir Path dir) throws Exception {
        OrgCrypto org = CryptoMaterial.generateOrLoad(dir, 2).org("Org1MSP");
        Server server = Grpc.newServerBuilderForPort(
                        0,
                        TlsServerCredentials.create(
                                org.peerTlsCertificateFile().toFile(),
                                org.peerTlsKeyFile().toFile()))
                .build()
                .start();
        try {
            // A completed handshake reaches the server, which knows no such method.
            assertThat(callStatus(server.getPort(), org.tlsCaCertificateFile(), "localhost"))
                    .isEqualTo(Status.Code.UNIMPLEMENTED);
            assertThat(callStatus(server.getPort(), org.tlsCaCertificateFile(), "127.0.0.1"))
                    .isEqualTo(Status.Code.UNIMPLEMENTED);
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void client_trusting_another_orgs_tls_ca_fails_the_handshake(@TempDir Path dir) throws Exception {
        CryptoMaterial material = CryptoMaterial.generateOrLoad(dir, 2);
        OrgCrypto org1 = material.org("Org1MSP");
        Server server = Grpc.newServerBuilderForPort(
                        0,
                        TlsServerCredentials.create(
                                org1.peerTlsCertificateFile().toFile(),
                                org1.peerTlsKeyFile().toFile()))
                .build()
                .start();
        try {
            assertThat(callStatus(server.getPort(), material.org("Org2MSP").tlsCaCertificateFile(), "localhost"))
                    .isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Status.Code callStatus(int port, Path trustedCa, String host) throws Exception {
        ChannelCredentials credentials = TlsChannelCredentials.newBuilder()
                .trustManager(trustedCa.toFile())
                .build();
        ManagedChannel channel =
                Grpc.newChannelBuilderForAddress(host, port, credentials).build();
        try {
            try {
                ClientCalls.blockingUnaryCall(
                        channel, PING, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[0]);
                return Status.Code.OK;
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode();
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
