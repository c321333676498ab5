package org.biotdm.devnet.chaincode;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.biotdm.devnet.ca.CertificateAuthority;
import org.biotdm.devnet.ca.OwnerOnlyFiles;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.crypto.Ecdsa;

/**
 * TLS for one peer's chaincode endpoint, as a Fabric peer secures {@code protos.ChaincodeSupport}: the endpoint
 * serves the peer's TLS certificate and requires a client certificate, and the peer issues one to each chaincode it
 * launches from a CA that lives only in its memory (Fabric's {@code core/chaincode/accesscontrol}). A registration
 * counts only for the package ID its certificate was issued for, so knowing a package ID is not enough to take its
 * place.
 *
 * <p>The launched process gets the files the Java shim reads ({@code ChaincodeBase}): {@code CORE_PEER_TLS_ROOTCERT_FILE}
 * (PEM of the CA of the peer's TLS certificate), and {@code CORE_TLS_CLIENT_CERT_PATH} / {@code
 * CORE_TLS_CLIENT_KEY_PATH}, which hold the base64 of the PEM certificate and of the PEM PKCS#8 key, as Fabric
 * passes them to Java chaincode. All three are written owner-only from their first byte. Thread-safe.
 */
public final class ChaincodeTls {

    /** The package ID the caller's client certificate was issued for; unset without a certificate of this peer. */
    static final Context.Key<String> CERTIFIED_PACKAGE_ID = Context.key("biotdm-chaincode-package-id");

    private final X509Certificate serverCertificate;
    private final PrivateKey serverKey;
    private final Path serverRootCertificateFile;
    private final CertificateAuthority clientCa;
    private final Map<String, String> packageIdByFingerprint = new ConcurrentHashMap<>();

    /**
     * Creates the chaincode TLS of one peer with a fresh in-memory client CA.
     *
     * @param peerName the peer's name, for the CA's subject
     * @param serverCertificate the peer's TLS certificate
     * @param serverKey its private key
     * @param serverRootCertificateFile the PEM file of the CA that issued the peer's TLS certificate
     */
    public ChaincodeTls(
            String peerName, X509Certificate serverCertificate, PrivateKey serverKey, Path serverRootCertificateFile) {
        this.serverCertificate = Objects.requireNonNull(serverCertificate, "serverCertificate");
        this.serverKey = Objects.requireNonNull(serverKey, "serverKey");
        this.serverRootCertificateFile = Objects.requireNonNull(serverRootCertificateFile, "serverRootCertificateFile");
        this.clientCa = CertificateAuthority.createRoot(peerName, "chaincode-ca." + peerName);
    }

    /**
     * The files a launched chaincode needs to register over TLS.
     *
     * @param rootCertificateFile PEM of the CA of the peer's TLS certificate
     * @param clientCertificateFile base64 of the PEM client certificate
     * @param clientKeyFile base64 of the PEM PKCS#8 client key, owner-only
     */
    public record LaunchCredentials(Path rootCertificateFile, Path clientCertificateFile, Path clientKeyFile) {}

    /**
     * Builds the server side: the peer's certificate, client certificates required and trusted only when this
     * peer's client CA issued them.
     *
     * @return the Netty server context
     * @throws IOException when the context cannot be built
     */
    public SslContext serverContext() throws IOException {
        return GrpcSslContexts.configure(SslContextBuilder.forServer(serverKey, serverCertificate))
                .trustManager(clientCa.certificate())
                .clientAuth(ClientAuth.REQUIRE)
                .build();
    }

    /**
     * Returns the interceptor that makes the package ID of the caller's client certificate known to {@link
     * ChaincodeSupport}; add it to the chaincode server next to {@link ChaincodeSupport#grpcService()}.
     *
     * @return the interceptor
     */
    public ServerInterceptor authenticator() {
        return new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(
                    ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
                String packageId = certifiedPackageId(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                return Contexts.interceptCall(
                        Context.current().withValue(CERTIFIED_PACKAGE_ID, packageId), call, headers, next);
            }
        };
    }

    /**
     * Issues a client key and certificate for a chaincode package and writes the launch files into a directory.
     *
     * @param packageId the package ID the certificate may register as
     * @param directory where the files go; created owner-only when missing
     * @return the files to hand to {@link ChaincodeLauncher#tls}
     * @throws IOException when a file cannot be written
     */
    public LaunchCredentials issue(String packageId, Path directory) throws IOException {
        KeyPair keyPair = Ecdsa.generateP256();
        X509Certificate certificate = clientCa.issue(packageId, null, keyPair.getPublic(), Map.of());
        packageIdByFingerprint.put(Certificates.fingerprintSha256(certificate), packageId);
        OwnerOnlyFiles.createDirectories(directory);
        Path root = directory.resolve("peer-tls-ca.pem");
        Path cert = directory.resolve("client.crt.b64");
        Path key = directory.resolve("client.key.b64");
        OwnerOnlyFiles.write(root, Files.readAllBytes(serverRootCertificateFile));
        OwnerOnlyFiles.write(cert, base64(Certificates.toPem(certificate)));
        OwnerOnlyFiles.write(key, base64(Certificates.toPem(keyPair.getPrivate())));
        return new LaunchCredentials(root, cert, key);
    }

    private String certifiedPackageId(SSLSession session) {
        if (session == null) {
            return null;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? packageIdByFingerprint.get(Certificates.fingerprintSha256(leaf))
                    : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static byte[] base64(String pem) {
        return Base64.getEncoder().encode(pem.getBytes(StandardCharsets.UTF_8));
    }
}
