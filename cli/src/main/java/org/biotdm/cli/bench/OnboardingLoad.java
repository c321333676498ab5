package org.biotdm.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.ApiSession;
import org.biotdm.device.sdk.DeviceKeys;

/**
 * The per-device requests of {@code bench onboarding}: registrations one at a time ({@code POST /api/v1/devices}, the
 * baseline) and claims ({@code POST /device/v1/provision} with a claim token and a PKCS#10 request over TLS to the
 * device port, which the gateway group-commits), each with up to {@code concurrency} requests in flight. The CSRs are
 * made beforehand ({@link #csrs}), so key generation on this side is not timed.
 */
final class OnboardingLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int concurrency;
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, String> firstFailures = new ConcurrentHashMap<>();

    OnboardingLoad(int concurrency) {
        this.concurrency = concurrency;
    }

    /** Requests refused or unanswered so far. */
    long failed() {
        return failed.get();
    }

    /** Up to five failures, by device, for the report. */
    Map<String, String> firstFailures() {
        return Map.copyOf(firstFailures);
    }

    /**
     * Registers devices one request each; returns their claim tokens (devices that failed have none).
     *
     * @param session an admin's session
     * @param deviceIds the devices
     * @return the tokens by device
     * @throws Exception when interrupted or the pool fails
     */
    Map<String, String> registerOneByOne(ApiSession session, List<String> deviceIds) throws Exception {
        Map<String, String> tokens = new ConcurrentHashMap<>();
        run(deviceIds, id -> {
            Map<String, Object> request = Map.of(
                    "deviceId", id,
                    "deviceType", "bench-onboarding",
                    "model", "Org1MSP/bench-onboarding",
                    "firmwareVersion", "1.0.0",
                    "group", "bench-onboarding");
            tokens.put(
                    id,
                    session.post("/api/v1/devices", request).path("claimToken").asText());
        });
        return tokens;
    }

    /**
     * Makes a key and a CSR for each device, on every core.
     *
     * @param deviceIds the devices
     * @return the CSR PEMs by device
     * @throws Exception when interrupted
     */
    static Map<String, String> csrs(List<String> deviceIds) throws Exception {
        Map<String, String> csrs = new ConcurrentHashMap<>();
        deviceIds.parallelStream()
                .forEach(id -> csrs.put(id, DeviceKeys.generate().csrPem(id)));
        return csrs;
    }

    /**
     * Claims devices through the device port, one provisioning request each.
     *
     * @param deviceUrl the device port
     * @param serverCertificate its certificate (PEM)
     * @param tokens the claim tokens by device
     * @param csrs the CSRs by device
     * @throws Exception when the certificate cannot be read, or interrupted
     */
    void claim(URI deviceUrl, Path serverCertificate, Map<String, String> tokens, Map<String, String> csrs)
            throws Exception {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(trusting(serverCertificate))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        URI provision = deviceUrl.resolve("/device/v1/provision");
        run(List.copyOf(csrs.keySet()), id -> {
            byte[] body =
                    JSON.writeValueAsBytes(Map.of("deviceId", id, "claimToken", tokens.get(id), "csr", csrs.get(id)));
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(provision)
                            .timeout(Duration.ofMinutes(2))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IOException(answer.statusCode() + " " + answer.body());
            }
        });
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("device-port-" + i++, c);
            }
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        return tls;
    }

    /** One device's request. */
    @FunctionalInterface
    private interface Request {
        void send(String deviceId) throws Exception;
    }

    /** Runs a request per device with {@code concurrency} in flight, counting failures. */
    private void run(List<String> deviceIds, Request request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Object>> sent = deviceIds.stream()
                    .map(id -> pool.<Object>submit(() -> {
                        try {
                            request.send(id);
                        } catch (ApiClient.ApiError | IOException e) {
                            fail(id, e);
                        }
                        return null;
                    }))
                    .toList();
            for (Future<Object> each : sent) {
                each.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void fail(String deviceId, Exception e) {
        failed.incrementAndGet();
        if (firstFailures.size() < 5) {
            firstFailures.put(deviceId, String.valueOf(e.getMessage()));
        }
    }
}
