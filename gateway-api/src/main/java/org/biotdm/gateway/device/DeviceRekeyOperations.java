package org.biotdm.gateway.device;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * Key rotation on the device port ({@code /device/v1}, mutual TLS), implemented by {@link DeviceRekeyController}: a
 * device whose key rotation an admin authorised ({@code POST /api/v1/devices/{deviceId}/rotate-key}) sends a CSR for
 * its new key, authenticated by its current certificate. The device is always the certificate's, never named in the
 * request.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface DeviceRekeyOperations {
    /**
     * Rotates the calling device's key: the device CA certifies the CSR's key and {@code RotateDeviceKey} registers
     * it; from then on only the new certificate opens the device port.
     *
     * @param body the PEM PKCS#10 CSR for the new P-256 key, subject CN the device ID
     * @return the new certificate and the device CA certificate, PEM
     * @throws org.biotdm.gateway.error.ApiException 400 {@code DEVICE_REKEY_INVALID_CSR} (not a P-256 PKCS#10 request
     *     signed by its key, or its CN is not the device ID), 401 {@code DEVICE_CERT_REQUIRED}, 403 {@code
     *     DEVICE_UNKNOWN}, {@code DEVICE_CERT_MISMATCH}, {@code DEVICE_NOT_ACTIVE}, {@code DEVICE_REKEY_NOT_AUTHORISED}
     *     (no unexpired authorisation), 409 {@code DEVICE_KEY_REUSED} (the new key is the current or a former one),
     *     503 {@code LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/device/v1/rekey")
    RekeyResponse rekey(@Valid @Body RekeyRequest body);
}
