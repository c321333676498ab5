package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DeviceIngressCertificates;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An anonymous device asks to be provisioned while the organisation's peer cannot be reached: the 503 body names the
 * catalogue code, its fixed meaning and a correlation ID, never the peer's address, an MSP ID or a file path.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "biotdm.ingress.port", value = "0")
class LedgerUnavailableIT implements TestPropertyProvider {
    private final String unreachablePeer = "127.0.0.1:" + closedPort();
    private Path dataDir;

    @Inject
    DeviceIngressServer devicePort;

    @Inject
    DeviceIngressCertificates certificates;

    @Inject
    ObjectMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestGateway.properties("ledger_down", true);
        properties.put("biotdm.ledger.peer-endpoint", unreachablePeer);
        dataDir = Path.of(properties.get("biotdm.data-dir"));
        return properties;
    }

    @Test
    void the_body_of_an_unreachable_ledger_names_no_address_msp_or_path() throws Exception {
        String deviceId = "down-" + System.nanoTime();
        String body = json.writeValueAsString(new ProvisionRequest(
                deviceId, "claim-token-0123456789abcdef", TestCsrs.csr(TestCsrs.p256(), "CN=" + deviceId)));

        HttpResponse<String> response = DeviceCredentials.anonymousHttpClient(certificates.serverCertificate())
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("https://localhost:" + devicePort.port() + "/device/v1/provision"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        Map<String, Object> error = fields(response.body());
        assertThat(error)
                .containsEntry("code", "LEDGER_UNAVAILABLE")
                .containsEntry("message", "The ledger is unreachable; retry after Retry-After seconds")
                .containsKey("correlationId");
        assertThat(response.body())
                .doesNotContain(unreachablePeer, unreachablePeer.substring(unreachablePeer.indexOf(':')))
                .doesNotContain("MSP", "peer0", dataDir.getParent().toString(), "UNAVAILABLE:", "Connection refused");
    }

    private Map<String, Object> fields(String body) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.readValue(body, Map.class);
        return new HashMap<>(fields);
    }

    /** A loopback port nothing listens on: bound once to find it free, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
