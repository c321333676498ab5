package org.biotdm.gateway.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.testing.TestGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Every response carries the request's ID, and the log lines a request causes carry it in their MDC: here the error
 * line of a failing request, logged by the exception handler after the request has crossed the server's threads.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.test.error-probe", value = "true")
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
@Property(name = "biotdm.ingress.enabled", value = "false")
class RequestLogContextIT implements TestPropertyProvider {
    private static final String HEX_ID = "[0-9a-f]{16}";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestGateway.properties("logcontext", false);
    }

    @BeforeEach
    void capture_logs() {
        captured.start();
        root().addAppender(captured);
    }

    @AfterEach
    void stop_capturing() {
        root().detachAppender(captured);
        captured.stop();
    }

    @Test
    void a_clients_request_id_is_echoed_and_is_in_the_mdc_of_the_lines_its_request_logs() throws Exception {
        HttpResponse<String> response = get("/api/v1/error-probe/boom", "ticket-42.retry_1");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue(RequestIdFilter.HEADER)).contains("ticket-42.retry_1");
        assertThat(errorLines()).anySatisfy(event -> assertThat(event.getMDCPropertyMap())
                .containsEntry(LogContext.REQUEST_ID, "ticket-42.retry_1"));
    }

    @Test
    void a_malformed_request_id_is_replaced_and_never_logged() throws Exception {
        String malformed = "x\" injected=\"1";
        HttpResponse<String> response = get("/api/v1/error-probe/boom", malformed);

        String id = response.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        assertThat(id).matches(HEX_ID);
        assertThat(errorLines())
                .anySatisfy(event -> assertThat(event.getMDCPropertyMap()).containsEntry(LogContext.REQUEST_ID, id));
        assertThat(captured.list)
                .noneSatisfy(event -> assertThat(event.getFormattedMessage() + event.getMDCPropertyMap())
                        .contains("injected"));
    }

    @Test
    void requests_without_an_id_each_get_their_own_even_when_refused() throws Exception {
        HttpResponse<String> first = get("/api/v1/devices", null);
        HttpResponse<String> second = get("/api/v1/devices", null);

        assertThat(first.statusCode()).isEqualTo(401);
        String a = first.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        String b = second.headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        assertThat(a).matches(HEX_ID);
        assertThat(b).matches(HEX_ID).isNotEqualTo(a);
    }

    private List<ILoggingEvent> errorLines() {
        return captured.list.stream()
                .filter(event -> event.getLevel().toInt() >= ch.qos.logback.classic.Level.WARN_INT)
                .toList();
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.getURI().resolve(path)).GET();
        if (requestId != null) {
            request.header(RequestIdFilter.HEADER, requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
