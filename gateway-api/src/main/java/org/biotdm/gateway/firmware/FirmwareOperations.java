package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.io.InputStream;
import java.util.List;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * The firmware catalogue for people under {@code /api/v1/firmware}, implemented by {@link FirmwareController}: a
 * manufacturer's admins register firmware-signing keys, upload signed images (which the gateway checks before it
 * submits {@code PublishFirmware}) and revoke them; every role lists the catalogue. Every route needs a bearer token
 * (401 {@code AUTH_REQUIRED}; 403 {@code ACCESS_DENIED} for a role it does not admit).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface FirmwareOperations {
    /** The header carrying the signed manifest of an upload: standard base64 of its JSON object. */
    String MANIFEST_HEADER = "Firmware-Manifest";

    /**
     * Uploads a firmware image with its signed manifest ({@code protocol/firmware-manifest-v1.md}) and publishes it.
     * The body is the raw image, streamed to disk; nothing goes on the ledger unless the manifest's syntax, its
     * signature by an unrevoked key the manufacturer registered on the ledger, the model, a sequence higher than every
     * published version's, and the image's size and SHA-256 all pass.
     *
     * @param authentication the signed-in admin of the model's manufacturer
     * @param model the model the admin publishes for, {@code <MSP ID>/<model name>}
     * @param manifest standard base64 of the manifest's JSON, in the {@value #MANIFEST_HEADER} header
     * @param image the image bytes ({@code application/octet-stream}), at most {@code biotdm.firmware.max-image-bytes}
     * @return 201 with the catalogue entry
     * @throws org.biotdm.gateway.error.ApiException 400 {@code FIRMWARE_MANIFEST_INVALID}, {@code FIRMWARE_UNSIGNED},
     *     {@code FIRMWARE_SIGNING_KEY_UNKNOWN}, {@code FIRMWARE_SIGNATURE_INVALID}, {@code
     *     FIRMWARE_IMAGE_SIZE_MISMATCH}, {@code FIRMWARE_IMAGE_HASH_MISMATCH}, {@code INVALID_ARGUMENT}; 403 {@code
     *     ACCESS_DENIED} (another manufacturer's model); 409 {@code FIRMWARE_MODEL_MISMATCH}, {@code
     *     FIRMWARE_DOWNGRADE}, {@code FIRMWARE_SIGNING_KEY_REVOKED}, {@code FIRMWARE_EXISTS}; 413 {@code
     *     FIRMWARE_IMAGE_TOO_LARGE}, {@code REQUEST_TOO_LARGE}; 503 {@code LEDGER_UNAVAILABLE}, {@code
     *     DATABASE_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post(uri = "/firmware", consumes = MediaType.APPLICATION_OCTET_STREAM, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "201",
            description = "The firmware, published",
            content = @Content(schema = @Schema(implementation = FirmwareImageRow.class)))
    HttpResponse<FirmwareImageRow> upload(
            Authentication authentication,
            @QueryValue @NotNull @Pattern(regexp = FirmwareRequests.MODEL, message = "must be <MSP ID>/<model name>")
                    String model,
            @Header(MANIFEST_HEADER) @Nullable String manifest,
            @Body InputStream image);

    /**
     * Lists the firmware published through this gateway, newest first (of one model: highest sequence first).
     *
     * @param authentication any signed-in person
     * @param model only this model
     * @param limit the most entries, 1–500, default 100
     * @return the entries
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/firmware", produces = MediaType.APPLICATION_JSON)
    List<FirmwareImageRow> list(
            Authentication authentication,
            @Nullable @QueryValue @Pattern(regexp = FirmwareRequests.MODEL, message = "must be <MSP ID>/<model name>")
                    String model,
            @Nullable @QueryValue @Min(1) @Max(500) Integer limit);

    /**
     * Revokes a firmware version on the ledger ({@code RevokeFirmware}); every open campaign using it aborts, and
     * devices still fetching it fail with {@code FIRMWARE_REVOKED}.
     *
     * @param authentication the signed-in admin of the model's manufacturer
     * @param request the model, version and reason
     * @return the catalogue entry, revoked
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}; 403 {@code ACCESS_DENIED}; 404
     *     {@code FIRMWARE_NOT_FOUND}; 409 {@code FIRMWARE_REVOKED}; 503 {@code LEDGER_UNAVAILABLE}, {@code
     *     DATABASE_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post(uri = "/firmware:revoke", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    FirmwareImageRow revoke(Authentication authentication, @Valid @Body RevokeFirmwareRequest request);

    /**
     * Registers a firmware-signing public key of the admin's organisation on the ledger ({@code
     * RegisterFirmwareSigningKey}).
     *
     * @param authentication the signed-in admin
     * @param request the PEM public key
     * @return 201 with the key record
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}; 409 {@code
     *     FIRMWARE_SIGNING_KEY_EXISTS}; 503 {@code LEDGER_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post(uri = "/firmware/signing-keys", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "201",
            description = "The key, registered",
            content = @Content(schema = @Schema(implementation = LedgerSigningKey.class)))
    HttpResponse<LedgerSigningKey> registerSigningKey(
            Authentication authentication, @Valid @Body RegisterSigningKeyRequest request);

    /**
     * Lists a manufacturer's firmware-signing keys on the ledger, revoked ones included.
     *
     * @param authentication any signed-in person
     * @param manufacturerMsp the manufacturer's MSP ID
     * @return the keys
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}; 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get(uri = "/firmware/signing-keys", produces = MediaType.APPLICATION_JSON)
    List<LedgerSigningKey> signingKeys(
            Authentication authentication,
            @QueryValue
                    @NotNull
                    @Pattern(
                            regexp = org.biotdm.gateway.error.InputRules.ID,
                            message = org.biotdm.gateway.error.InputRules.ID_MESSAGE)
                    String manufacturerMsp);
}
