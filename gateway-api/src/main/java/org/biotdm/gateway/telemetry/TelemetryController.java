package org.biotdm.gateway.telemetry;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.AuthenticatedDevice;

/**
 * {@code POST /device/v1/telemetry} on the device port: a signed batch {@code {seq, ts, readings:[{sensor, value,
 * unit?, ts?}], sig}} from a device authenticated by its client certificate. Answers 200 with a {@link TelemetryAck}
 * once the readings are committed, or an error with a {@code TELEMETRY_*} code, a {@code DEVICE_*} code from the
 * certificate check, or 503 {@code DATABASE_UNAVAILABLE} / {@code TELEMETRY_BUSY} with {@code Retry-After}. The
 * method returns a future, so no event loop waits for the database.
 */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/device/v1")
public class TelemetryController {
    private final TelemetryService service;

    /**
     * Creates the controller.
     *
     * @param service the ingest pipeline
     */
    public TelemetryController(TelemetryService service) {
        this.service = service;
    }

    /**
     * Ingests a batch.
     *
     * @param request the request, carrying the {@link AuthenticatedDevice} the device filter resolved
     * @param body the raw JSON body, parsed by {@link TelemetryBatchParser} so number tokens keep their exact text
     * @return the acknowledgement after the commit
     */
    @Post(uri = "/telemetry", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<TelemetryAck> ingest(HttpRequest<?> request, @Body byte[] body) {
        AuthenticatedDevice device = request.getAttribute(AuthenticatedDevice.ATTRIBUTE, AuthenticatedDevice.class)
                .orElseThrow(() ->
                        new ApiException(ErrorCode.DEVICE_CERT_REQUIRED, "A device client certificate is required"));
        return service.ingest(device, body);
    }
}
