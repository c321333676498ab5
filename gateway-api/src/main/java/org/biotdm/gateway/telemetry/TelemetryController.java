package org.biotdm.gateway.telemetry;

import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.ingress.CurrentDevice;

/**
 * Serves {@link TelemetryOperations} on the device port. People's security does not apply: the device filter
 * authenticates the client certificate. The method returns a future, so no event loop waits for the database.
 */
@Tag(name = "Device port")
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
public class TelemetryController implements TelemetryOperations {
    private final TelemetryService service;

    /**
     * Creates the controller.
     *
     * @param service the ingest pipeline
     */
    public TelemetryController(TelemetryService service) {
        this.service = service;
    }

    @Override
    public CompletableFuture<TelemetryAck> ingest(byte[] body) {
        return service.ingest(CurrentDevice.require(), body);
    }
}
