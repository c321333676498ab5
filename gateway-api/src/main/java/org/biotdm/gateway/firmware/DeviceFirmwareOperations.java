package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

/**
 * Firmware updates for devices on the device port ({@code /device/v1/firmware}, mutual TLS), implemented by {@link
 * DeviceFirmwareController}: after a {@code firmware-update} command the device downloads its image in byte ranges,
 * reports each state, and after rebooting into the new image sends its signed installation receipt. The device is
 * always the client certificate's. Every route also answers 401 {@code DEVICE_CERT_REQUIRED} and 403 {@code
 * DEVICE_UNKNOWN}, {@code DEVICE_CERT_MISMATCH}, {@code DEVICE_NOT_ACTIVE} from the certificate check.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = org.biotdm.gateway.error.ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = org.biotdm.gateway.error.ErrorResponse.class)))
public interface DeviceFirmwareOperations {
    /** The path images are served under; the image's SHA-256 follows. */
    String IMAGE_PATH = "/device/v1/firmware/images/";

    /**
     * Downloads the firmware image assigned to the device, whole (200) or one byte range (206, RFC 9110 §14: {@code
     * Range: bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}; a header naming several ranges is
     * answered with the whole image). Answers carry {@code Accept-Ranges: bytes} and {@code ETag: "<sha256>"}.
     *
     * @param sha256 the image's SHA-256, lower-case hex (the {@code image} of the command's parameters)
     * @param range the {@code Range} header, or null
     * @return the bytes
     * @throws org.biotdm.gateway.error.ApiException 404 {@code FIRMWARE_IMAGE_NOT_ASSIGNED} (no notified, unfinished
     *     update of this device uses the image, or its firmware was revoked); 416 {@code
     *     FIRMWARE_RANGE_NOT_SATISFIABLE} with {@code Content-Range: bytes *&#47;size}; 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Get(uri = IMAGE_PATH + "{sha256}", produces = MediaType.APPLICATION_OCTET_STREAM)
    @ApiResponse(
            responseCode = "200",
            description = "The whole image",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_OCTET_STREAM,
                            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(
            responseCode = "206",
            description = "One byte range of the image, with Content-Range",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_OCTET_STREAM,
                            schema = @Schema(type = "string", format = "binary")))
    HttpResponse<?> download(
            @PathVariable @Pattern(regexp = FirmwareRequests.SHA256, message = "must be 64 lower-case hex digits")
                    String sha256,
            @Nullable @Header("Range") String range);

    /**
     * Reports the device's update state: {@code NOTIFIED}, {@code DOWNLOADING}, {@code DOWNLOADED}, {@code VERIFIED},
     * {@code UPDATING}, or {@code FAILED} with a catalogue code as reason. Repeating the current state is accepted.
     *
     * @param report the campaign, the state and the reason
     * @return the update
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}; 404 {@code CAMPAIGN_NOT_FOUND}
     *     (also when the device is no target of it); 409 {@code FIRMWARE_UPDATE_INVALID_STATE} (a state before the
     *     current one, or after the update finished); 503 {@code DATABASE_UNAVAILABLE}
     */
    @Post(uri = "/device/v1/firmware/progress", consumes = MediaType.APPLICATION_JSON)
    CampaignDeviceRow progress(@Valid @Body ProgressRequest report);

    /**
     * Completes the device's update with its signed installation receipt ({@code biotdm-firmware-receipt-v1}): the
     * gateway verifies it with the device's key, then {@code RecordFirmwareUpdate} records the new version on the
     * ledger, where the chaincode checks it again and refuses a sequence not higher than the installed one.
     *
     * @param receipt the campaign and the signature
     * @return the update, {@code UPDATED}, with its transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, {@code RECEIPT_SIGNATURE_INVALID};
     *     404 {@code CAMPAIGN_NOT_FOUND}; 409 {@code FIRMWARE_UPDATE_INVALID_STATE}, {@code FIRMWARE_DOWNGRADE},
     *     {@code FIRMWARE_REVOKED}; 503 {@code LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}; 504 {@code
     *     LEDGER_UNKNOWN_OUTCOME} (send the receipt again)
     */
    @Post(uri = "/device/v1/firmware/receipt", consumes = MediaType.APPLICATION_JSON)
    CampaignDeviceRow receipt(@Valid @Body FirmwareReceiptRequest receipt);
}
