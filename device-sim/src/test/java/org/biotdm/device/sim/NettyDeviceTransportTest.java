package org.biotdm.device.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.biotdm.device.sdk.DeviceRequest;
import org.biotdm.device.sdk.DeviceResponse;
import org.biotdm.device.sdk.DeviceTransport;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's transport against a real HTTPS server on loopback. */
class NettyDeviceTransportTest {
    private HttpsServer server;
    private X509Certificate serverCertificate;
    private final Set<InetSocketAddress> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private DeviceEventLoop loop;

    @BeforeEach
    void startServer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=127.0.0.1");
        long now = System.currentTimeMillis();
        serverCertificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.TWO,
                                new Date(now - 60_000),
                                new Date(now + 86_400_000),
                                name,
                                keys.getPublic())
                        .addExtension(
                                Extension.subjectAlternativeName,
                                false,
                                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), "pw".toCharArray(), new X509Certificate[] {serverCertificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/device/v1/commands", exchange -> {
            connections.add(exchange.getRemoteAddress());
            requests.incrementAndGet();
            byte[] body = "{\"commands\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        loop = new DeviceEventLoop(1, 1);
    }

    @AfterEach
    void stop() {
        loop.close();
        server.stop(0);
    }

    @Test
    void a_request_sent_from_the_previous_answers_callback_reuses_the_kept_alive_connection() throws Exception {
        URI base = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        DeviceTransport transport = NettyDeviceTransport.factory(loop, base, List.of(serverCertificate))
                .open(null);
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger statuses = new AtomicInteger();
        chain(transport, 20, statuses, done);

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        transport.close();
        assertThat(statuses.get()).as("every answer was a 200").isEqualTo(20);
        assertThat(requests.get()).isEqualTo(20);
        assertThat(connections)
                .as("one keep-alive connection for all 20 requests")
                .hasSize(1);
    }

    /** Sends the next request synchronously from the callback of the previous answer, as a long-poll loop does. */
    private static void chain(DeviceTransport transport, int left, AtomicInteger statuses, CountDownLatch done) {
        if (left == 0) {
            done.countDown();
            return;
        }
        transport
                .exchange(new DeviceRequest("GET", "/device/v1/commands?wait=0", null, Duration.ofSeconds(10)))
                .whenComplete((DeviceResponse response, Throwable error) -> {
                    if (response != null && response.status() == 200) {
                        statuses.incrementAndGet();
                    }
                    chain(transport, left - 1, statuses, done);
                });
    }
}
