package org.biotdm.device.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.biotdm.protocol.telemetry.Reading;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backoff, jitter and Retry-After, in the policy and in the client's sending loop. */
class RetryTest {
    @Nested
    class Policy {
        private final RetryPolicy policy = RetryPolicy.builder()
                .initialDelay(Duration.ofMillis(100))
                .maxDelay(Duration.ofSeconds(2))
                .random(new Random(7))
                .build();

        @Test
        void backoff_doubles_with_jitter_in_the_upper_half_and_stops_at_the_cap() {
            for (int attempt = 1; attempt <= 10; attempt++) {
                long base = Math.min(2000, 100L << (attempt - 1));
                assertThat(policy.delay(attempt, null).toMillis())
                        .as("attempt %d", attempt)
                        .isBetween(base / 2, base);
            }
        }

        @Test
        void retry_after_is_a_floor_not_a_replacement() {
            assertThat(policy.delay(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
            assertThat(policy.delay(1, Duration.ofHours(2)))
                    .as("capped by maxRetryAfter")
                    .isEqualTo(Duration.ofMinutes(10));
        }

        @Test
        void retry_after_in_seconds_or_as_an_http_date() {
            long now = 1_700_000_000_000L;
            assertThat(RetryPolicy.parseRetryAfter("5", now)).isEqualTo(Duration.ofSeconds(5));
            assertThat(RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now))
                    .isEqualTo(Duration.ofSeconds(10));
            assertThat(RetryPolicy.parseRetryAfter("soon", now)).isNull();
            assertThat(RetryPolicy.parseRetryAfter(null, now)).isNull();
        }

        @Test
        void attempt_limit() {
            RetryPolicy three = RetryPolicy.builder().maxAttempts(3).build();
            assertThat(three.allowsRetry(2)).isTrue();
            assertThat(three.allowsRetry(3)).isFalse();
            assertThat(RetryPolicy.defaults().allowsRetry(1_000_000)).isTrue();
        }
    }

    /** A transport that answers from a script and records what was sent. */
    static class ScriptedTransport implements DeviceTransport {
        final Queue<Object> answers = new ArrayDeque<>();
        final List<byte[]> bodies = new CopyOnWriteArrayList<>();

        @Override
        public synchronized CompletableFuture<DeviceResponse> exchange(DeviceRequest request) {
            bodies.add(request.body());
            Object next = answers.poll();
            if (next instanceof IOException failure) {
                return CompletableFuture.failedFuture(failure);
            }
            return CompletableFuture.completedFuture((DeviceResponse) next);
        }

        @Override
        public void close() {}
    }

    static DeviceResponse answer(int status, String body, String retryAfter) {
        return new DeviceResponse(status, body.getBytes(StandardCharsets.UTF_8), retryAfter);
    }

    @TempDir
    Path dir;

    private DeviceState provisioned() throws Exception {
        DeviceState state = DeviceState.open(dir, "d-1");
        state.storeCertificate(TestCertificates.selfSigned(state.keys(), "d-1"), null);
        return state;
    }

    @Test
    void client_waits_at_least_retry_after_on_503_and_resends_the_same_bytes() throws Exception {
        ScriptedTransport transport = new ScriptedTransport();
        transport.answers.add(answer(503, "{\"code\":\"TELEMETRY_BUSY\",\"message\":\"busy\"}", "1"));
        transport.answers.add(new IOException("connection reset"));
        transport.answers.add(answer(200, "{\"seq\":0,\"accepted\":1,\"windowId\":9,\"receivedAt\":5}", null));
        List<Duration> delays = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        DeviceClient client = DeviceClient.builder(provisioned(), credentials -> transport)
                .retryPolicy(RetryPolicy.builder()
                        .initialDelay(Duration.ofMillis(10))
                        .build())
                .listener(new TelemetryListener() {
                    @Override
                    public void retrying(SignedBatch batch, int failedAttempts, Duration delay, Throwable cause) {
                        delays.add(delay);
                        codes.add(
                                cause instanceof DeviceApiException api
                                        ? api.code()
                                        : cause.getClass().getSimpleName());
                    }
                })
                .build();

        TelemetryAck ack = client.send(List.of(Reading.number("t", "21.5", "C", Reading.NO_TS)))
                .get();

        assertThat(ack).isEqualTo(new TelemetryAck(0, 1, 9, 5));
        assertThat(codes).containsExactly("TELEMETRY_BUSY", "IOException");
        assertThat(delays.get(0)).as("Retry-After: 1").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(delays.get(1)).isLessThan(Duration.ofSeconds(1));
        assertThat(transport.bodies).hasSize(3);
        assertThat(transport.bodies.get(2)).isEqualTo(transport.bodies.get(0));
        assertThat(client.pendingBatches()).isZero();
        assertThat(client.retries()).isEqualTo(2);
        client.close();
    }

    @Test
    void a_refused_batch_leaves_the_buffer_and_the_next_one_goes_on() throws Exception {
        ScriptedTransport transport = new ScriptedTransport();
        transport.answers.add(answer(400, "{\"code\":\"TELEMETRY_CLOCK_SKEW\",\"message\":\"skew\"}", null));
        transport.answers.add(answer(200, "{\"seq\":1,\"accepted\":1,\"windowId\":9,\"receivedAt\":5}", null));
        DeviceState state = provisioned();
        DeviceClient client =
                DeviceClient.builder(state, credentials -> transport).build();

        CompletableFuture<TelemetryAck> refused = client.send(List.of(Reading.number("t", "1", null, Reading.NO_TS)));
        CompletableFuture<TelemetryAck> accepted = client.send(List.of(Reading.number("t", "2", null, Reading.NO_TS)));

        assertThat(accepted.get().seq()).isEqualTo(1);
        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((ok, error) -> ((DeviceApiException) error).code())
                        .get())
                .isEqualTo("TELEMETRY_CLOCK_SKEW");
        assertThat(client.rejectedBatches()).isEqualTo(1);
        assertThat(state.buffer(false).pending()).isEmpty();
        client.close();
    }

    @Test
    void a_restarted_client_resends_what_was_not_acknowledged_and_continues_the_sequence() throws Exception {
        ScriptedTransport silent = new ScriptedTransport() {
            @Override
            public CompletableFuture<DeviceResponse> exchange(DeviceRequest request) {
                bodies.add(request.body());
                return new CompletableFuture<>();
            }
        };
        DeviceState state = provisioned();
        DeviceClient first = DeviceClient.builder(state, credentials -> silent).build();
        first.send(List.of(Reading.number("t", "1", null, Reading.NO_TS)));
        first.close();

        ScriptedTransport after = new ScriptedTransport();
        after.answers.add(answer(200, "{\"seq\":0,\"accepted\":1,\"windowId\":1,\"receivedAt\":1}", null));
        after.answers.add(answer(200, "{\"seq\":64,\"accepted\":1,\"windowId\":1,\"receivedAt\":1}", null));
        DeviceClient second = DeviceClient.builder(state, credentials -> after).build();
        TelemetryAck next = second.send(List.of(Reading.number("t", "2", null, Reading.NO_TS)))
                .get();

        assertThat(after.bodies.get(0)).isEqualTo(silent.bodies.get(0));
        assertThat(next.seq()).isEqualTo(64);
        assertThat(new String(after.bodies.get(1), StandardCharsets.UTF_8)).startsWith("{\"seq\":64,");
        assertThat(second.flush(Duration.ofSeconds(30))).isTrue();
        second.close();
    }
}
