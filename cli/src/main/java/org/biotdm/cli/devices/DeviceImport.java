package org.biotdm.cli.devices;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.ApiSession;

/**
 * Registers rows of {@link DeviceCsv} through {@code POST /api/v1/devices:batch}: batches of at most {@link
 * #MAX_BATCH} rows, up to {@code parallel} batches in flight. Each batch's tokens are taken from, or first written to,
 * the {@link ClaimTokenFile} before the batch is sent, so the batch can be sent again whenever its answer is lost:
 * a connection failure, 503 (unavailable), 504 {@code LEDGER_UNKNOWN_OUTCOME}, 409 {@code LEDGER_CONFLICT} or 429 is
 * retried up to {@value #ATTEMPTS} times with back-off (1, 2, 4, 8 s), and the gateway answers {@code EXISTS} for
 * what the lost attempt registered. Any other refusal of a whole batch is reported for each of its rows.
 */
public final class DeviceImport {
    /** Most devices of one {@code devices:batch} request (the gateway's and chaincode's bound). */
    public static final int MAX_BATCH = 500;
    /** Attempts per batch. */
    static final int ATTEMPTS = 5;

    private static final String ROUTE = "/api/v1/devices:batch";

    private final ApiSession session;
    private final int batchSize;
    private final int parallel;

    /**
     * What became of one row.
     *
     * @param line its line number in the file
     * @param deviceId the device
     * @param outcome {@code REGISTERED}, {@code EXISTS} (registered earlier with the same token) or {@code REFUSED}
     * @param code the catalogue code of a refusal, else null
     * @param message the refusal's text, else null
     */
    public record Result(long line, String deviceId, String outcome, String code, String message) {
        /**
         * Tells whether the device is registered with the token of the file.
         *
         * @return true for {@code REGISTERED} and {@code EXISTS}
         */
        public boolean registered() {
            return !"REFUSED".equals(outcome);
        }
    }

    /**
     * Creates an importer.
     *
     * @param session an admin's session
     * @param batchSize rows per request, 1 to {@value #MAX_BATCH}
     * @param parallel requests in flight, 1 or more
     */
    public DeviceImport(ApiSession session, int batchSize, int parallel) {
        if (batchSize < 1 || batchSize > MAX_BATCH || parallel < 1) {
            throw new IllegalArgumentException("batch size 1-" + MAX_BATCH + " and 1 or more in flight");
        }
        this.session = session;
        this.batchSize = batchSize;
        this.parallel = parallel;
    }

    /**
     * Registers rows.
     *
     * @param rows the rows, each device ID once
     * @param tokens the token file, written to before each batch is sent
     * @param progress told each batch's results as they arrive, in file order
     * @return every row's result, in file order
     * @throws IOException when the token file cannot be written (nothing is sent for rows without a written token)
     * @throws InterruptedException when interrupted
     */
    public List<Result> register(List<DeviceCsv.Row> rows, ClaimTokenFile tokens, Consumer<List<Result>> progress)
            throws IOException, InterruptedException {
        List<Result> results = new ArrayList<>(rows.size());
        ExecutorService senders = Executors.newFixedThreadPool(parallel);
        try {
            Deque<Future<List<Result>>> inFlight = new ArrayDeque<>();
            for (int from = 0; from < rows.size(); from += batchSize) {
                List<DeviceCsv.Row> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
                Map<String, String> batchTokens = tokens.tokensFor(
                        batch.stream().map(DeviceCsv.Row::deviceId).toList());
                inFlight.add(senders.submit(() -> send(batch, batchTokens)));
                if (inFlight.size() >= parallel) {
                    collect(inFlight.poll(), results, progress);
                }
            }
            while (!inFlight.isEmpty()) {
                collect(inFlight.poll(), results, progress);
            }
            return results;
        } finally {
            senders.shutdownNow();
        }
    }

    private static void collect(Future<List<Result>> batch, List<Result> results, Consumer<List<Result>> progress)
            throws InterruptedException {
        try {
            List<Result> answered = batch.get();
            results.addAll(answered);
            progress.accept(answered);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("A batch failed unexpectedly", e.getCause());
        }
    }

    /** Sends one batch until it is answered, and reads the per-item results. */
    private List<Result> send(List<DeviceCsv.Row> batch, Map<String, String> tokens) throws InterruptedException {
        Map<String, Object> request =
                Map.of("devices", batch.stream().map(row -> item(row, tokens)).toList());
        Exception last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (attempt > 0) {
                Thread.sleep(1000L << (attempt - 1));
            }
            try {
                return results(batch, session.post(ROUTE, request));
            } catch (ApiClient.ApiError e) {
                if (!retryable(e)) {
                    return refusedAll(batch, e.code(), e.getMessage());
                }
                last = e;
            } catch (IOException e) {
                last = e;
            }
        }
        return refusedAll(batch, "UNANSWERED", ATTEMPTS + " attempts unanswered, the last: " + last);
    }

    private static boolean retryable(ApiClient.ApiError e) {
        return e.status() == 503 || e.status() == 504 || e.status() == 429 || "LEDGER_CONFLICT".equals(e.code());
    }

    private static Map<String, Object> item(DeviceCsv.Row row, Map<String, String> tokens) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("deviceId", row.deviceId());
        item.put("deviceType", row.deviceType());
        item.put("model", row.model());
        item.put("firmwareVersion", row.firmwareVersion());
        item.put("group", row.group());
        if (!row.metadata().isEmpty()) {
            item.put("metadata", row.metadata());
        }
        item.put("claimTokenSha256", ClaimTokenFile.sha256Hex(tokens.get(row.deviceId())));
        return item;
    }

    private static List<Result> results(List<DeviceCsv.Row> batch, JsonNode answer) {
        List<Result> results = new ArrayList<>(batch.size());
        for (JsonNode item : answer.path("items")) {
            DeviceCsv.Row row = batch.get(item.path("index").asInt());
            results.add(new Result(
                    row.line(),
                    row.deviceId(),
                    item.path("outcome").asText(),
                    item.path("code").isTextual() ? item.path("code").asText() : null,
                    item.path("message").isTextual() ? item.path("message").asText() : null));
        }
        if (results.size() != batch.size()) {
            return refusedAll(
                    batch, "UNEXPECTED_ANSWER", "the gateway answered " + results.size() + " items of " + batch.size());
        }
        return results;
    }

    private static List<Result> refusedAll(List<DeviceCsv.Row> batch, String code, String message) {
        return batch.stream()
                .map(row -> new Result(row.line(), row.deviceId(), "REFUSED", code, message))
                .toList();
    }
}
