package org.biotdm.gateway.admin;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.AuthenticatedDevice;

/**
 * Serves {@code POST /device/v1/rekey} on the device port: a device whose key rotation an admin authorised sends a
 * CSR for its new key, authenticated by mTLS with its current certificate.
 *
 * <p>Errors: 400 {@code DEVICE_REKEY_INVALID_CSR} (not a P-256 PKCS#10 request signed by its key, or its CN is not the
 * device ID), 401 {@code DEVICE_CERT_REQUIRED}, 403 {@code DEVICE_UNKNOWN}, {@code DEVICE_CERT_MISMATCH}, {@code
 * DEVICE_NOT_ACTIVE}, {@code DEVICE_REKEY_NOT_AUTHORISED} (no unexpired authorisation), 409 {@code DEVICE_KEY_REUSED}
 * (the new key is the current or a former one), 503 {@code LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}.
 */
@Tag(name = "Device port")
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/device/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeviceRekeyController {
    private final DeviceAdminService service;

    /**
     * Creates the controller.
     *
     * @param service the device administration
     */
    public DeviceRekeyController(DeviceAdminService service) {
        this.service = service;
    }

    /**
     * Rotates the calling device's key: the device CA certifies the CSR's key and {@code RotateDeviceKey} registers
     * it; from then on only the new certificate opens the device port.
     *
     * @param request the request, carrying the {@link AuthenticatedDevice}
     * @param body the CSR
     * @return the new certificate
     */
    @Post("/rekey")
    public RekeyResponse rekey(HttpRequest<?> request, @Body RekeyRequest body) {
        AuthenticatedDevice device = request.getAttribute(AuthenticatedDevice.ATTRIBUTE, AuthenticatedDevice.class)
                .orElseThrow(() ->
                        new ApiException(ErrorCode.DEVICE_CERT_REQUIRED, "A device client certificate is required"));
        return service.rekey(device, body.csr());
    }
}
