package org.biotdm.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryReading;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus endpoint is for admins only, and it carries the gateway's own meters beside the pool's and the
 * HTTP server's: group commits, the anchoring backlog and lag read from MariaDB, commands by state, connected devices.
 */
class MetricsIT {
    @Test
    void prometheus_endpoint_refuses_anonymous_callers_and_exports_the_gateways_meters() throws Exception {
        try (ApplicationContext context = start()) {
            HttpResponse<String> anonymous = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(context.getBean(EmbeddedServer.class)
                                            .getURI()
                                            .resolve("/prometheus"))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("hikaricp");

            context.getBean(StateMetrics.class).refresh();
            // The device port's filter, created by the first device request; this context has no device port.
            context.getBean(DeviceConnectionMetrics.class);
            TelemetryReading humidity = new TelemetryReading("humidity", ValueKind.N, "45.93", 45.93, "%", 1L);
            TelemetryReading temperature = new TelemetryReading("temperature", ValueKind.N, "27.97", 27.97, "C", 1L);
            context.getBean(TelemetryCommitMetrics.class)
                    .committed(List.of(
                            new CommittedBatch("mote-1", 1, 1, 2, 0, List.of(humidity, temperature)),
                            new CommittedBatch("mote-2", 1, 1, 2, 0, List.of(humidity))));

            String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
            assertThat(scrape)
                    .contains("biotdm_telemetry_readings_total 3.0")
                    .contains("biotdm_telemetry_group_batches_sum 2.0")
                    .contains("biotdm_metrics_database_up 1.0")
                    .contains("biotdm_anchoring_backlog_windows 0.0")
                    .contains("biotdm_commands{state=\"ISSUED\"} 0.0")
                    .contains("biotdm_devices_connected{transport=\"https\"}")
                    .contains("hikaricp_connections");
        }
    }

    private static ApplicationContext start() throws Exception {
        Map<String, Object> properties = new HashMap<>(TestMariaDb.datasourceProperties("metrics"));
        properties.put(
                "biotdm.data-dir",
                Files.createTempDirectory(
                                Files.createDirectories(Path.of("target", "it-data"))
                                        .toAbsolutePath(),
                                "metrics-")
                        .toString());
        properties.put("micronaut.server.port", -1);
        properties.put("biotdm.anchoring.enabled", false);
        properties.put("biotdm.ledger.events-enabled", false);
        properties.put("biotdm.ingress.enabled", false);
        ApplicationContext context = ApplicationContext.builder()
                .environments(Environment.TEST)
                .properties(properties)
                .start();
        context.getBean(EmbeddedServer.class).start();
        return context;
    }
}
