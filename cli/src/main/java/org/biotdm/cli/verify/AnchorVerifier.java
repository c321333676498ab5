package org.biotdm.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Progress;
import org.biotdm.cli.stack.StackException;

/**
 * Checks stored telemetry of a time range against the on-chain anchors through {@code GET /api/v1/verify}, asking in
 * parts of whole windows when the gateway refuses the range as too large ({@code VERIFY_RANGE_TOO_LARGE}): 360
 * windows first, half as many after each refusal. Used by {@code verify}, {@code demo} and {@code bench verify}.
 */
public final class AnchorVerifier {
    private static final int FIRST_PART_WINDOWS = 360;
    private static final String RANGE_TOO_LARGE = "VERIFY_RANGE_TOO_LARGE";

    private final ApiClient api;
    private final String token;
    private final String device;
    private final PrintStream err;

    /**
     * Creates the verifier.
     *
     * @param api the gateway's API
     * @param token an auditor's (or admin's) access token
     * @param device only windows holding this device's readings, or null for all
     * @param err where progress goes
     */
    public AnchorVerifier(ApiClient api, String token, String device, PrintStream err) {
        this.api = api;
        this.token = token;
        this.device = device;
        this.err = err;
    }

    /**
     * Verifies a range, in parts of whole windows when the gateway refuses it as too large.
     *
     * @param fromMillis range start, epoch ms
     * @param toMillis range end, epoch ms, exclusive
     * @return the gathered report
     * @throws ApiClient.ApiError when the gateway refuses (also a range too large for even one window at a time)
     * @throws StackException when the anchoring window length cannot be learnt
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public VerifyReport verify(long fromMillis, long toMillis) throws IOException, InterruptedException {
        VerifyReport report = new VerifyReport();
        try {
            report.add(ask(fromMillis, toMillis));
            return report;
        } catch (ApiClient.ApiError e) {
            if (!RANGE_TOO_LARGE.equals(e.code())) {
                throw e;
            }
        }
        verifyInParts(report, fromMillis, toMillis);
        return report;
    }

    private void verifyInParts(VerifyReport report, long fromMillis, long toMillis)
            throws IOException, InterruptedException {
        long windowMs = windowLength(fromMillis, toMillis);
        int windowsPerPart = FIRST_PART_WINDOWS;
        long partStart = fromMillis;
        long windows = windowsBetween(fromMillis, toMillis, windowMs);
        Progress progress = Progress.start(err, "Verifying " + windows + " windows in parts");
        while (partStart < toMillis) {
            long partEnd =
                    Math.min(toMillis, Math.floorDiv(partStart, windowMs) * windowMs + windowsPerPart * windowMs);
            try {
                report.add(ask(partStart, partEnd));
                partStart = partEnd;
                progress.tick(windowsBetween(fromMillis, partEnd, windowMs) + " of " + windows + " windows asked");
            } catch (ApiClient.ApiError e) {
                if (!RANGE_TOO_LARGE.equals(e.code()) || windowsPerPart == 1) {
                    throw e;
                }
                windowsPerPart = Math.max(1, windowsPerPart / 2);
            }
        }
        progress.done(report.summary().windows() + " windows on record");
    }

    /** The number of windows that meet [from, to). */
    private static long windowsBetween(long fromMillis, long toMillis, long windowMs) {
        return Math.floorDiv(toMillis + windowMs - 1, windowMs) - Math.floorDiv(fromMillis, windowMs);
    }

    /**
     * Verifies a range every second until no window is pending (open or not anchored yet) or the wait is over.
     *
     * @param fromMillis range start, epoch ms
     * @param toMillis range end, epoch ms, exclusive
     * @param wait the longest wait
     * @param what what the progress line says, for example "Waiting until every window is anchored"
     * @return the last report
     * @throws ApiClient.ApiError when the gateway refuses
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public VerifyReport awaitAnchored(long fromMillis, long toMillis, Duration wait, String what)
            throws IOException, InterruptedException {
        Progress progress = Progress.start(err, what);
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            VerifyReport report = verify(fromMillis, toMillis);
            if (report.summary().pending() == 0 || Instant.now().isAfter(deadline)) {
                progress.done(report.summary().line());
                return report;
            }
            progress.tick();
            Thread.sleep(1000);
        }
    }

    /** Learns the anchoring window length from a window the gateway reports near the range or near now. */
    private long windowLength(long fromMillis, long toMillis) throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        for (long probe : new long[] {fromMillis, toMillis - 1, now - 1}) {
            JsonNode window = ask(probe, probe + 1).path("windows").path(0);
            long length =
                    window.path("endTime").asLong() - window.path("startTime").asLong();
            if (length > 0) {
                return length;
            }
        }
        throw new StackException("Cannot learn the anchoring window length from the gateway");
    }

    private JsonNode ask(long fromMillis, long toMillis) throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", Long.toString(fromMillis));
        query.put("to", Long.toString(toMillis));
        query.put("device", device);
        return api.get("/api/v1/verify", query, token);
    }
}
