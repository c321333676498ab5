package org.biotdm.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.Test;

/**
 * The gateway going away is not a bug: once its shutdown began, a request that fails on the server's side answers
 * 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After}, never 500, also for requests racing a real shutdown of
 * the context (sign-ins that need the database while the pool closes).
 */
class ShutdownAnswersIT {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void a_failure_answers_500_while_running_and_503_with_retry_after_once_shutdown_began() throws Exception {
        try (ApplicationContext context = start("shutdown_guard")) {
            URI boom = context.getBean(EmbeddedServer.class).getURI().resolve("/api/v1/error-probe/boom");
            assertThat(get(boom).statusCode()).isEqualTo(500);

            context.getBean(ShutdownGuard.class).markShuttingDown();

            HttpResponse<String> response = get(boom);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
            assertThat(response.body()).contains("\"SERVICE_UNAVAILABLE\"").doesNotContain("secret detail");
        }
    }

    @Test
    void sign_ins_racing_a_shutdown_never_answer_500() throws Exception {
        ApplicationContext context = start("shutdown_race");
        URI login = context.getBean(EmbeddedServer.class).getURI().resolve("/api/v1/auth/login");
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopped = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int client = i;
            running.add(clients.submit(() -> signInUntilGone(login, "nobody-" + client, statuses, stopped)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (statuses.size() < 8 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the shutdown starts once sign-ins are being answered, however slow the first ones are
        }
        context.stop();
        stopped.set(true);
        for (Future<?> future : running) {
            future.get();
        }
        clients.shutdown();

        assertThat(statuses).as("sign-ins were answered before the shutdown").contains(401);
        assertThat(statuses).as("no request answered 500").doesNotContain(500);
    }

    private void signInUntilGone(
            URI login, String username, ConcurrentLinkedQueue<Integer> statuses, AtomicBoolean stopped) {
        String body = "{\"username\":\"" + username + "\",\"password\":\"wrong password\"}";
        while (!stopped.get()) {
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(login)
                                .timeout(Duration.ofSeconds(10))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.add(response.statusCode());
            } catch (IOException e) {
                // The server closed its port: that is how a request meets a finished shutdown.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ApplicationContext start(String database) throws IOException {
        Map<String, Object> properties = new HashMap<>(TestMariaDb.datasourceProperties(database));
        properties.put(
                "biotdm.data-dir",
                Files.createTempDirectory(
                                Files.createDirectories(Path.of("target", "it-data"))
                                        .toAbsolutePath(),
                                "shutdown-")
                        .toString());
        properties.put("micronaut.server.port", -1);
        properties.put("biotdm.test.error-probe", true);
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
