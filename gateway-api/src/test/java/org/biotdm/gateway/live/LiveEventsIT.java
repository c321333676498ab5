package org.biotdm.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.biotdm.gateway.command.CommandFixture;
import org.biotdm.gateway.command.CommandsClient;
import org.biotdm.gateway.command.IssueCommandRequest;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /ws/events} on the running gateway with real people, grants on the dev network and commands: each operator
 * receives events only about the devices their grants cover.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveEventsIT implements TestPropertyProvider {
    private final CommandFixture fixture = new CommandFixture();

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    LiveEventHub hub;

    @Inject
    CommandsClient commands;

    private DeviceCredentials first;
    private DeviceCredentials second;
    private TestUsers.Session firstOperator;
    private TestUsers.Session secondOperator;

    @Override
    public Map<String, String> getProperties() {
        return CommandFixture.properties("live");
    }

    @BeforeAll
    void two_devices_and_two_operators_each_granted_on_one() throws Exception {
        fixture.start(context);
        first = fixture.activeDevice("live-a");
        second = fixture.activeDevice("live-b");
        firstOperator = fixture.grantedOperator(first, List.of("reboot"));
        secondOperator = fixture.grantedOperator(second, List.of("reboot"));
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    @Test
    void operators_receive_command_events_only_for_devices_they_hold_a_grant_on() throws Exception {
        Listener a = connect(firstOperator);
        Listener b = connect(secondOperator);

        issue(firstOperator, first, "live-1-" + System.nanoTime());
        issue(secondOperator, second, "live-2-" + System.nanoTime());
        issue(firstOperator, first, "live-3-" + System.nanoTime());

        List<Map<String, Object>> seenByB = b.until(second.deviceId(), 1);
        List<Map<String, Object>> seenByA = a.until(first.deviceId(), 2);
        assertThat(seenByB)
                .as("the second operator's session got the event of their device and nothing about the first")
                .noneMatch(m -> first.deviceId().equals(m.get("deviceId")));
        assertThat(seenByA)
                .as("events are dispatched in order, so the second device's event would have come before")
                .noneMatch(m -> second.deviceId().equals(m.get("deviceId")));
        assertThat(seenByA).filteredOn(m -> "command".equals(m.get("type"))).allSatisfy(m -> assertThat(
                        ((Map<?, ?>) m.get("data")).get("state"))
                .isEqualTo("ISSUED"));
        a.socket.abort();
        b.socket.abort();
    }

    @Test
    void an_admin_of_the_owner_sees_both_and_a_filter_narrows_to_one() throws Exception {
        Listener admin = connect(TestUsers.create(context, 0, ApiRole.ADMIN));
        admin.socket.sendText("{\"deviceIds\":[\"" + second.deviceId() + "\"],\"types\":[\"command\"]}", true);
        admin.until("subscribed");

        issue(firstOperator, first, "live-4-" + System.nanoTime());
        issue(secondOperator, second, "live-5-" + System.nanoTime());

        assertThat(admin.until(second.deviceId(), 1))
                .noneMatch(m -> first.deviceId().equals(m.get("deviceId")));
        admin.socket.sendText("{\"types\":[\"nonsense\"]}", true);
        List<Map<String, Object>> afterError = admin.until("error");
        assertThat(afterError.get(afterError.size() - 1).get("data"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("code", "INVALID_ARGUMENT");
        admin.socket.abort();
    }

    @Test
    void without_a_token_the_handshake_is_refused() {
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .newWebSocketBuilder()
                        .buildAsync(Listener.uri(server, Map.of()), new Listener())
                        .join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause())
                                .getResponse()
                                .statusCode())
                        .isEqualTo(401));
    }

    private void issue(TestUsers.Session operator, DeviceCredentials device, String id) {
        var issued = commands.issue(
                operator.caller(), new IssueCommandRequest(id, device.deviceId(), "reboot", null, 600L, null));
        assertThat(issued.code()).isEqualTo(201);
    }

    private Listener connect(TestUsers.Session person) throws InterruptedException {
        return Listener.connect(server, person);
    }

    /** Collects every text message of one connection, and how it was closed. */
    static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
        private final List<Map<String, Object>> seen = new ArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        /** Completes with the close code and reason ({@code "4001 AUTH_INVALID"}) when the server closes. */
        final CompletableFuture<String> closed = new CompletableFuture<>();

        WebSocket socket;

        /** Returns the socket's URI, its path read from {@link LiveEventsSocket}'s annotation. */
        static URI uri(EmbeddedServer server, Map<String, String> query) {
            UriBuilder uri = UriBuilder.of(URI.create("ws://localhost:" + server.getPort()))
                    .path(LiveEventsSocket.class
                            .getAnnotation(ServerWebSocket.class)
                            .value());
            query.forEach(uri::queryParam);
            return uri.build();
        }

        /** Opens {@code /ws/events} with a person's access token and waits for {@code ready}. */
        static Listener connect(EmbeddedServer server, TestUsers.Session person) throws InterruptedException {
            Listener listener = new Listener();
            listener.socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(uri(server, Map.of("access_token", person.accessToken())), listener)
                    .join();
            listener.until("ready");
            return listener;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(ObjectMapper.getDefault().readValue(partial.toString(), Map.class));
                } catch (java.io.IOException e) {
                    received.add(Map.of("type", "unparseable"));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** Waits (up to 30 s) until a message of a type arrived; returns everything seen so far. */
        List<Map<String, Object>> until(String type) throws InterruptedException {
            return until(m -> type.equals(m.get("type")), 1);
        }

        /** Waits until {@code count} events about a device arrived; returns everything seen so far. */
        List<Map<String, Object>> until(String deviceId, int count) throws InterruptedException {
            return until(m -> deviceId.equals(m.get("deviceId")), count);
        }

        private List<Map<String, Object>> until(java.util.function.Predicate<Map<String, Object>> wanted, int count)
                throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.stream().filter(wanted).count() < count && System.nanoTime() - end < 0) {
                Map<String, Object> next = received.poll(100, TimeUnit.MILLISECONDS);
                if (next != null) {
                    seen.add(next);
                }
            }
            return List.copyOf(seen);
        }
    }
}
