package org.biotdm.device.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.biotdm.protocol.json.CanonicalJson;
import org.biotdm.protocol.receipt.CommandReceipt;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.biotdm.protocol.telemetry.Reading;

/**
 * A provisioned device talking to the gateway's device port: signed telemetry, commands and receipts.
 *
 * <p><b>Telemetry.</b> {@link #send} takes the next persisted sequence number, signs the batch ({@code
 * biotdm-telemetry-v1}), appends it to the {@link BatchBuffer} and returns a future of its acknowledgement. One
 * sender per client sends the buffered batches in sequence order, one at a time, over the device's keep-alive
 * connection. A batch leaves the buffer only on {@code 200} or on a refusal that no retry can cure (400, 409, 413,
 * reported to the {@link TelemetryListener}); on anything else (no answer, 401/403 while a device is suspended, 429,
 * 5xx) it stays, and is sent again, unchanged, after {@link RetryPolicy#delay} (exponential backoff with jitter, at
 * least the {@code Retry-After}). A retry of an already stored batch is answered with the original acknowledgement,
 * so nothing is stored twice. A client built on a state directory resends what a previous run left in the buffer.
 *
 * <p><b>Commands.</b> {@link #pollCommands} long-polls {@code GET /device/v1/commands?wait=N}; {@link
 * #completeCommand} signs a {@code biotdm-receipt-v1} receipt and posts it to {@code POST
 * /device/v1/commands/{id}/receipt}, retrying like telemetry.
 *
 * <p>Thread-safe. Continuations run on the builder's executor (default: the common pool), timers on the builder's
 * scheduler (default: one daemon thread shared by all clients), so many clients share a bounded set of threads.
 */
public final class DeviceClient implements AutoCloseable {
    /** The largest body the gateway accepts by default ({@code biotdm.ingress.max-body-bytes}). */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final ScheduledExecutorService SHARED_TIMER = sharedTimer();

    private final String deviceId;
    private final DeviceKeys keys;
    private final SequenceStore sequence;
    private final BatchBuffer buffer;
    private final DeviceTransport transport;
    private final RetryPolicy retryPolicy;
    private final ScheduledExecutorService scheduler;
    private final Executor executor;
    private final LongSupplier clock;
    private final TelemetryListener listener;

    private final Object lock = new Object();
    private final ArrayDeque<SignedBatch> queue = new ArrayDeque<>();
    private final Map<Long, CompletableFuture<TelemetryAck>> waiting = new HashMap<>();
    private boolean sending;
    private boolean closed;
    private int failedAttempts;
    private final AtomicLong acknowledgedReadings = new AtomicLong();
    private final AtomicLong rejectedBatches = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    private DeviceClient(Builder builder, DeviceTransport transport) {
        this.deviceId = builder.deviceId;
        this.keys = builder.keys;
        this.sequence = builder.sequence;
        this.buffer = builder.buffer;
        this.transport = transport;
        this.retryPolicy = builder.retryPolicy;
        this.scheduler = builder.scheduler;
        this.executor = builder.executor;
        this.clock = builder.clock;
        this.listener = builder.listener;
        queue.addAll(buffer.pending());
    }

    /**
     * Starts a client for a provisioned device whose state lives in a directory: key, certificate, sequence numbers
     * and the durable buffer come from there.
     *
     * @param state the device's state directory
     * @param transports how to reach the device port
     * @return a builder
     * @throws IOException when the state is unreadable or the device is not provisioned
     */
    public static Builder builder(DeviceState state, DeviceTransportFactory transports) throws IOException {
        Builder builder = new Builder();
        builder.deviceId = state.deviceId();
        builder.keys = state.keys();
        builder.credentials = state.credentials();
        builder.state = state;
        builder.transports = Objects.requireNonNull(transports, "transports");
        return builder;
    }

    /**
     * Provisions a device (zero-touch): generates its key if it has none, sends the claim token and a PKCS#10 request
     * to {@code POST /device/v1/provision} without a client certificate, and stores the certificate it receives in the
     * state directory. Retried only on 429/503 and on no answer before the request was sent; other refusals
     * ({@code CLAIM_TOKEN_MISMATCH}, {@code CLAIM_TOKEN_SPENT}, {@code CLAIM_TOKEN_EXPIRED}, {@code
     * DEVICE_NOT_FOUND}, {@code DEVICE_NOT_CLAIMABLE}, {@code PROVISION_INVALID_*}, 504 {@code
     * LEDGER_UNKNOWN_OUTCOME}) fail the future with a {@link DeviceApiException}.
     *
     * @param state the device's state directory
     * @param claimToken the one-time claim token (16–256 UTF-8 bytes)
     * @param transports how to reach the device port
     * @param retryPolicy the retry policy; use a limited number of attempts
     * @return a future completed once the certificate is stored
     */
    public static CompletableFuture<Void> provision(
            DeviceState state, String claimToken, DeviceTransportFactory transports, RetryPolicy retryPolicy) {
        String body;
        try {
            body = "{\"deviceId\":" + Json.string(state.deviceId()) + ",\"claimToken\":" + Json.string(claimToken)
                    + ",\"csr\":" + Json.string(state.keys().csrPem(state.deviceId())) + "}";
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        DeviceTransport transport = transports.open(null);
        DeviceRequest request = new DeviceRequest(
                "POST", "/device/v1/provision", body.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));
        return withRetries(transport, request, retryPolicy, SHARED_TIMER, status -> status == 429 || status == 503)
                .thenAccept(response -> {
                    try {
                        Map<String, Object> answer = Json.parseObject(response.body());
                        state.storeCertificate(
                                Json.textField(answer, "certificate"), Json.textField(answer, "caCertificate"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .whenComplete((ignored, error) -> transport.close());
    }

    /**
     * Returns the device ID.
     *
     * @return the ID
     */
    public String deviceId() {
        return deviceId;
    }

    /**
     * Signs a batch of readings, buffers it and queues it for sending.
     *
     * @param readings 1 to {@value SignedBatch#MAX_READINGS} readings, none newer than now unless the batch time
     *     should follow them
     * @return the acknowledgement once the batch is committed; completed exceptionally with a {@link
     *     DeviceApiException} when the gateway refuses it for good; never completed while it keeps being retried
     * @throws IOException when the sequence number or the buffer cannot be written (nothing is sent then)
     * @throws IllegalArgumentException for an empty or oversized batch
     * @throws IllegalStateException after {@link #close()}
     */
    public CompletableFuture<TelemetryAck> send(List<Reading> readings) throws IOException {
        long ts = clock.getAsLong();
        for (Reading reading : readings) {
            if (reading.hasTs() && reading.ts() > ts) {
                ts = reading.ts();
            }
        }
        CompletableFuture<TelemetryAck> ack = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("The client is closed");
            }
            SignedBatch batch = SignedBatch.sign(deviceId, sequence.next(), ts, readings, keys);
            if (batch.body().length > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("The batch body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            buffer.append(batch);
            queue.add(batch);
            waiting.put(batch.seq(), ack);
        }
        pump();
        return ack;
    }

    /**
     * Waits until every buffered batch is acknowledged or refused.
     *
     * @param timeout the longest wait
     * @return true when the buffer is empty, false on timeout
     * @throws InterruptedException when interrupted
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!queue.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Returns how many batches wait in the buffer.
     *
     * @return the count, including the one being sent
     */
    public int pendingBatches() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /**
     * Returns how many readings the gateway acknowledged through this client.
     *
     * @return the sum of the acknowledgements' {@code accepted}
     */
    public long acknowledgedReadings() {
        return acknowledgedReadings.get();
    }

    /**
     * Returns how many batches the gateway refused for good.
     *
     * @return the count
     */
    public long rejectedBatches() {
        return rejectedBatches.get();
    }

    /**
     * Returns how many attempts failed and were retried.
     *
     * @return the count
     */
    public long retries() {
        return retries.get();
    }

    private void pump() {
        SignedBatch next;
        synchronized (lock) {
            if (sending || closed || queue.isEmpty()) {
                return;
            }
            sending = true;
            next = queue.peek();
        }
        DeviceRequest request = new DeviceRequest("POST", "/device/v1/telemetry", next.body(), REQUEST_TIMEOUT);
        CompletableFuture<DeviceResponse> exchange;
        try {
            exchange = transport.exchange(request);
        } catch (RuntimeException e) {
            exchange = CompletableFuture.failedFuture(e);
        }
        exchange.whenCompleteAsync((response, error) -> onAnswer(next, response, error), executor);
    }

    private void onAnswer(SignedBatch batch, DeviceResponse response, Throwable error) {
        if (response != null && response.status() == 200) {
            TelemetryAck ack = parseAck(batch, response);
            finish(batch, ack, null);
        } else if (response != null && permanent(response.status())) {
            finish(batch, null, DeviceApiException.from(response));
        } else {
            Throwable cause = response == null ? unwrap(error) : DeviceApiException.from(response);
            Duration retryAfter = cause instanceof DeviceApiException api ? api.retryAfter() : null;
            int attempts;
            synchronized (lock) {
                attempts = ++failedAttempts;
            }
            Duration delay = retryPolicy.delay(attempts, retryAfter);
            retries.incrementAndGet();
            listener.retrying(batch, attempts, delay, cause);
            scheduler.schedule(
                    () -> {
                        synchronized (lock) {
                            sending = false;
                        }
                        pump();
                    },
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void finish(SignedBatch batch, TelemetryAck ack, DeviceApiException refusal) {
        CompletableFuture<TelemetryAck> waiter;
        try {
            buffer.remove(batch.seq());
        } catch (IOException e) {
            // Kept on disk: a restart resends it and the gateway answers with the original acknowledgement.
        }
        // Counted before the batch leaves the queue, so whoever flush() releases sees the count.
        if (ack != null) {
            acknowledgedReadings.addAndGet(ack.accepted());
        } else {
            rejectedBatches.incrementAndGet();
        }
        synchronized (lock) {
            queue.poll();
            waiter = waiting.remove(batch.seq());
            failedAttempts = 0;
            sending = false;
            lock.notifyAll();
        }
        if (ack != null) {
            listener.acknowledged(batch, ack);
            if (waiter != null) {
                waiter.complete(ack);
            }
        } else {
            listener.rejected(batch, refusal);
            if (waiter != null) {
                waiter.completeExceptionally(refusal);
            }
        }
        pump();
    }

    private static TelemetryAck parseAck(SignedBatch batch, DeviceResponse response) {
        try {
            Map<String, Object> body = Json.parseObject(response.body());
            return new TelemetryAck(
                    Json.longField(body, "seq", batch.seq()),
                    (int) Json.longField(body, "accepted", batch.readingCount()),
                    Json.longField(body, "windowId", -1),
                    Json.longField(body, "receivedAt", -1));
        } catch (IOException e) {
            // A 200 means committed; an unreadable body does not change that.
            return new TelemetryAck(batch.seq(), batch.readingCount(), -1, -1);
        }
    }

    private static boolean permanent(int status) {
        return status == 400 || status == 409 || status == 413 || status == 415 || status == 422;
    }

    /**
     * Returns the device's side of the gateway's firmware routes (image ranges, state reports, installation receipt),
     * over this client's connection and key.
     *
     * @return the channel
     */
    public FirmwareChannel firmware() {
        return new FirmwareChannel(transport, keys, deviceId, REQUEST_TIMEOUT);
    }

    /**
     * Long-polls for commands: {@code GET /device/v1/commands?wait=N}, answered {@code {"commands":[…]}} as soon as
     * commands are pending, or after the wait with none. A command comes again until its receipt is accepted:
     * execute each {@code commandId} once.
     *
     * @param wait how long the gateway may hold the request, whole seconds, 0–60 (longer waits are cut to 60)
     * @return the delivered commands, possibly none; completed exceptionally with a {@link DeviceApiException} or an
     *     I/O failure, after which the caller polls again after a backoff
     */
    public CompletableFuture<List<DeviceCommand>> pollCommands(Duration wait) {
        long seconds = Math.min(60, Math.max(0, wait.toSeconds()));
        DeviceRequest request = new DeviceRequest(
                "GET",
                "/device/v1/commands?wait=" + seconds,
                null,
                Duration.ofSeconds(seconds).plus(REQUEST_TIMEOUT));
        return transport.exchange(request).thenApplyAsync(DeviceClient::commands, executor);
    }

    private static List<DeviceCommand> commands(DeviceResponse response) {
        if (response.status() == 204) {
            return List.of();
        }
        if (response.status() != 200) {
            throw DeviceApiException.from(response);
        }
        try {
            Object body = Json.parse(response.body());
            Object list = body instanceof Map<?, ?> object ? object.get("commands") : body;
            List<DeviceCommand> commands = new ArrayList<>();
            if (list instanceof List<?> items) {
                for (Object item : items) {
                    if (item instanceof Map<?, ?> map) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> command = (Map<String, Object>) map;
                        commands.add(DeviceCommand.from(command));
                    }
                }
            }
            return commands;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Completes a command: signs the receipt ({@link CommandReceipt}) and posts {@code {"status","resultSha256",
     * "signature"}} to {@code POST /device/v1/commands/{id}/receipt}, retrying on 429/5xx and on no answer. A {@code
     * COMMAND_ALREADY_COMPLETED} after a retry counts as success (the earlier attempt committed).
     *
     * @param command the delivered command
     * @param status how it ended
     * @param result the result bytes the receipt commits to (hashed with SHA-256); empty for none
     * @return completed once the gateway accepted the receipt; exceptionally with a {@link DeviceApiException} such
     *     as {@code COMMAND_EXPIRED}, {@code COMMAND_ALREADY_COMPLETED} or {@code RECEIPT_SIGNATURE_INVALID}
     */
    public CompletableFuture<Void> completeCommand(DeviceCommand command, ReceiptStatus status, byte[] result) {
        String resultSha256 = CommandReceipt.sha256Hex(result);
        return postReceipt(command, status, resultSha256, "\"resultSha256\":\"" + resultSha256 + "\"");
    }

    /**
     * Completes a command with a JSON result sent in full: the receipt commits to SHA-256 of the result's canonical
     * JSON ({@code protocol/json-v1.md}), which the gateway computes again from the {@code result} it receives, so
     * the result's content is covered by the signature (a {@code configuration} refusal's code travels this way).
     *
     * @param command the delivered command
     * @param status how it ended
     * @param resultJson the result, a JSON value
     * @return as {@link #completeCommand(DeviceCommand, ReceiptStatus, byte[])}
     * @throws IllegalArgumentException when {@code resultJson} is not JSON within {@code biotdm-json-v1}'s limits
     */
    public CompletableFuture<Void> completeCommand(DeviceCommand command, ReceiptStatus status, String resultJson) {
        String canonical = DeviceConfigurations.canonical(resultJson);
        return postReceipt(command, status, CanonicalJson.sha256Hex(canonical), "\"result\":" + canonical);
    }

    private CompletableFuture<Void> postReceipt(
            DeviceCommand command, ReceiptStatus status, String resultSha256, String resultMember) {
        byte[] signature = keys.sign(new CommandReceipt(
                        command.commandId(),
                        deviceId,
                        command.commandType(),
                        command.parametersSha256(),
                        status,
                        resultSha256)
                .bytes());
        String body = "{\"status\":\"" + status.name() + "\"," + resultMember + ",\"signature\":\""
                + Base64.getEncoder().encodeToString(signature) + "\"}";
        DeviceRequest request = new DeviceRequest(
                "POST",
                "/device/v1/commands/" + command.commandId() + "/receipt",
                body.getBytes(StandardCharsets.UTF_8),
                REQUEST_TIMEOUT);
        return withRetries(transport, request, retryPolicy, scheduler, RetryPolicy::retryableStatus)
                .thenApply(response -> (Void) null);
    }

    /**
     * Sends a request until it gets a 2xx, retrying on the statuses given and on no answer.
     */
    private static CompletableFuture<DeviceResponse> withRetries(
            DeviceTransport transport,
            DeviceRequest request,
            RetryPolicy policy,
            ScheduledExecutorService scheduler,
            java.util.function.IntPredicate retryable) {
        CompletableFuture<DeviceResponse> result = new CompletableFuture<>();
        attempt(transport, request, policy, scheduler, retryable, result, 1);
        return result;
    }

    private static void attempt(
            DeviceTransport transport,
            DeviceRequest request,
            RetryPolicy policy,
            ScheduledExecutorService scheduler,
            java.util.function.IntPredicate retryable,
            CompletableFuture<DeviceResponse> result,
            int attempt) {
        transport.exchange(request).whenComplete((response, error) -> {
            if (response != null && response.status() / 100 == 2) {
                result.complete(response);
                return;
            }
            Throwable cause = response == null ? unwrap(error) : DeviceApiException.from(response);
            if (attempt > 1
                    && cause instanceof DeviceApiException api
                    && "COMMAND_ALREADY_COMPLETED".equals(api.code())) {
                result.complete(response);
                return;
            }
            boolean again = (response == null || retryable.test(response.status())) && policy.allowsRetry(attempt);
            if (!again) {
                result.completeExceptionally(cause);
                return;
            }
            Duration retryAfter = cause instanceof DeviceApiException api ? api.retryAfter() : null;
            scheduler.schedule(
                    () -> attempt(transport, request, policy, scheduler, retryable, result, attempt + 1),
                    policy.delay(attempt, retryAfter).toMillis(),
                    TimeUnit.MILLISECONDS);
        });
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * Stops sending and closes the transport. Unacknowledged batches stay in the buffer for the next run (a durable
     * buffer) and their futures stay incomplete.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        transport.close();
        buffer.close();
    }

    private static ScheduledExecutorService sharedTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "biotdm-device-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Builds a {@link DeviceClient}. */
    public static final class Builder {
        private String deviceId;
        private DeviceKeys keys;
        private DeviceCredentials credentials;
        private DeviceState state;
        private DeviceTransportFactory transports;
        private SequenceStore sequence;
        private BatchBuffer buffer;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private ScheduledExecutorService scheduler = SHARED_TIMER;
        private Executor executor = ForkJoinPool.commonPool();
        private LongSupplier clock = System::currentTimeMillis;
        private TelemetryListener listener = new TelemetryListener() {};
        private int sequenceBlock = SequenceStore.DEFAULT_BLOCK;
        private boolean forceWrites = true;

        private Builder() {}

        /**
         * Replaces the durable file buffer with another one (for example {@link MemoryBatchBuffer} in a simulator).
         *
         * @param batchBuffer the buffer
         * @return this builder
         */
        public Builder buffer(BatchBuffer batchBuffer) {
            this.buffer = Objects.requireNonNull(batchBuffer, "batchBuffer");
            return this;
        }

        /**
         * Chooses whether the file buffer forces every write to disk (default true).
         *
         * @param force false to survive process crashes only, at a fraction of the cost
         * @return this builder
         */
        public Builder forceWrites(boolean force) {
            this.forceWrites = force;
            return this;
        }

        /**
         * Sets how many sequence numbers are reserved per forced write (default {@value
         * SequenceStore#DEFAULT_BLOCK}).
         *
         * @param block at least 1
         * @return this builder
         */
        public Builder sequenceBlock(int block) {
            this.sequenceBlock = block;
            return this;
        }

        /**
         * Sets the retry policy (default {@link RetryPolicy#defaults()}: unlimited attempts).
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Sets the scheduler for retry timers (default: one daemon thread shared by all clients).
         *
         * @param timer the scheduler
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService timer) {
            this.scheduler = Objects.requireNonNull(timer, "timer");
            return this;
        }

        /**
         * Sets where answers are handled (default: the common fork-join pool).
         *
         * @param pool a bounded executor
         * @return this builder
         */
        public Builder executor(Executor pool) {
            this.executor = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /**
         * Sets the device clock for batch times.
         *
         * @param millis epoch milliseconds
         * @return this builder
         */
        public Builder clock(LongSupplier millis) {
            this.clock = Objects.requireNonNull(millis, "millis");
            return this;
        }

        /**
         * Sets the listener for acknowledgements, retries and refusals.
         *
         * @param telemetryListener the listener
         * @return this builder
         */
        public Builder listener(TelemetryListener telemetryListener) {
            this.listener = Objects.requireNonNull(telemetryListener, "telemetryListener");
            return this;
        }

        /**
         * Opens the transport and the state's sequence store and buffer, and starts resending what the buffer holds.
         *
         * @return the client
         * @throws IOException when the state files are unreadable
         */
        public DeviceClient build() throws IOException {
            sequence = state.sequence(sequenceBlock);
            if (buffer == null) {
                buffer = state.buffer(forceWrites);
            }
            DeviceClient client = new DeviceClient(this, transports.open(credentials));
            client.pump();
            return client;
        }
    }
}
