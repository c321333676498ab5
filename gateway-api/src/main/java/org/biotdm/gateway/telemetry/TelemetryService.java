package org.biotdm.gateway.telemetry;

import static org.biotdm.gateway.error.ErrorCode.TELEMETRY_BAD_SIGNATURE;
import static org.biotdm.gateway.error.ErrorCode.TELEMETRY_CLOCK_SKEW;
import static org.biotdm.gateway.error.ErrorCode.TELEMETRY_REPLAYED;
import static org.biotdm.gateway.error.ErrorCode.TELEMETRY_TOO_LARGE;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.ingress.AuthenticatedDevice;
import org.biotdm.gateway.ingress.IngressConfiguration;
import org.biotdm.gateway.ratelimit.ReadingRateLimiter;
import org.biotdm.protocol.signature.EcdsaP256;
import org.biotdm.protocol.telemetry.CanonicalTelemetry;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Runs the checks of a telemetry batch from an authenticated device and hands it to the {@link TelemetryWriter}:
 * size, parse ({@link TelemetryBatchParser}), the device's reading budget ({@link ReadingRateLimiter}, before the
 * costly signature check), signature over the canonical encoding ({@link org.biotdm.protocol.telemetry.CanonicalTelemetry}),
 * clock skew, sequence window ({@link SequenceWindows}). Each failure is an {@link ApiException} with a {@link
 * org.biotdm.gateway.error.ErrorCode}, and nothing is stored. The CPU work runs on the calling thread; nothing here blocks on the
 * database (a sequence window load runs on the I/O executor).
 */
@Singleton
public class TelemetryService {
    private static final HexFormat HEX = HexFormat.of();

    private final TelemetryBatchParser parser;
    private final DevicePublicKeys keys = new DevicePublicKeys();
    private final SequenceWindows sequenceWindows;
    private final TelemetryWriter writer;
    private final ReadingRateLimiter readingLimiter;
    private final Clock clock;
    private final int maxBodyBytes;
    private final long maxSkewMillis;
    private final long maxReadingAgeMillis;

    /**
     * Creates the service.
     *
     * @param configuration the ingress settings (limits, skew, reading age)
     * @param sequenceWindows the devices' sequence windows
     * @param writer the group-commit writer
     * @param readingLimiter the readings budget per device
     */
    @Inject
    public TelemetryService(
            IngressConfiguration configuration,
            SequenceWindows sequenceWindows,
            TelemetryWriter writer,
            ReadingRateLimiter readingLimiter) {
        this(configuration, sequenceWindows, writer, readingLimiter, Clock.systemUTC());
    }

    TelemetryService(
            IngressConfiguration configuration,
            SequenceWindows sequenceWindows,
            TelemetryWriter writer,
            ReadingRateLimiter readingLimiter,
            Clock clock) {
        this.readingLimiter = readingLimiter;
        this.parser = new TelemetryBatchParser(configuration.maxReadings());
        this.sequenceWindows = sequenceWindows;
        this.writer = writer;
        this.clock = clock;
        this.maxBodyBytes = configuration.maxBodyBytes();
        this.maxSkewMillis = configuration.maxClockSkew().toMillis();
        this.maxReadingAgeMillis = configuration.maxReadingAge().toMillis();
    }

    /**
     * Checks and stores a batch.
     *
     * @param device the device the client certificate identified
     * @param body the raw request body
     * @return the acknowledgement, completed after the commit; or failed with {@code TELEMETRY_REPLAYED}, {@code
     *     TELEMETRY_SEQ_CONFLICT}, {@code DATABASE_UNAVAILABLE} or {@code TELEMETRY_BUSY}
     * @throws ApiException {@code TELEMETRY_TOO_LARGE}, {@code TELEMETRY_MALFORMED}, {@code TELEMETRY_INVALID},
     *     {@code RATE_LIMITED} (with Retry-After), {@code TELEMETRY_BAD_SIGNATURE} or {@code TELEMETRY_CLOCK_SKEW}
     */
    public CompletableFuture<TelemetryAck> ingest(AuthenticatedDevice device, byte[] body) {
        if (body.length > maxBodyBytes) {
            throw TELEMETRY_TOO_LARGE.error("The body may have at most " + maxBodyBytes + " bytes");
        }
        TelemetryBatch batch = parser.parse(body);
        readingLimiter.charge(device.deviceId(), batch.readings().size());
        byte[] digest =
                verifiedDigest(device.deviceId(), keys.p256(device.record().publicKeyPem()), batch);
        checkTimes(batch);
        String contentSha256 = HEX.formatHex(digest);
        String deviceId = device.deviceId();
        return sequenceWindows.check(deviceId, batch.seq()).thenCompose(verdict -> switch (verdict) {
            case REPLAYED -> CompletableFuture.failedFuture(TELEMETRY_REPLAYED.error(
                    "Sequence number " + batch.seq() + " is outside the device's window of " + SequenceWindow.SIZE));
            case NEW, SEEN -> writer.submit(new PendingBatch(
                    deviceId, batch, contentSha256, verdict == SequenceWindow.Verdict.SEEN, new CompletableFuture<>()));
        });
    }

    /**
     * Checks a parsed batch's signature: rebuilds its canonical text ({@code biotdm-telemetry-v1}) for the device and
     * verifies the signature over it with the device's registered key.
     *
     * @param deviceId the CN of the device's client certificate
     * @param key the device's registered P-256 key, or null when it has none usable
     * @param batch the parsed batch
     * @return the SHA-256 of the canonical text, the batch's content hash
     * @throws ApiException {@code TELEMETRY_BAD_SIGNATURE} when there is no key or the signature does not verify
     */
    static byte[] verifiedDigest(String deviceId, ECPublicKeyParameters key, TelemetryBatch batch) {
        byte[] digest =
                EcdsaP256.sha256(CanonicalTelemetry.encode(deviceId, batch.seq(), batch.ts(), batch.readings()));
        if (key == null) {
            throw TELEMETRY_BAD_SIGNATURE.error("The device has no usable registered P-256 key");
        }
        if (!EcdsaP256.verify(key, digest, batch.signature())) {
            throw TELEMETRY_BAD_SIGNATURE.error("The signature does not verify with the device's registered key");
        }
        return digest;
    }

    private void checkTimes(TelemetryBatch batch) {
        long now = clock.millis();
        if (Math.abs(batch.ts() - now) > maxSkewMillis) {
            throw TELEMETRY_CLOCK_SKEW.error("Batch ts is more than " + maxSkewMillis + " ms from the gateway's clock");
        }
        for (TelemetryReading reading : batch.readings()) {
            if (reading.hasTs() && (reading.ts() > batch.ts() || batch.ts() - reading.ts() > maxReadingAgeMillis)) {
                throw TELEMETRY_CLOCK_SKEW.error("Reading " + reading.sensor() + " has a ts after the batch ts or more"
                        + " than " + maxReadingAgeMillis + " ms before it");
            }
        }
    }
}
