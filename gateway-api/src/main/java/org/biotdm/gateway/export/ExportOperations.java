package org.biotdm.gateway.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.alert.AlertOperations;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.error.InputRules;

/**
 * Streamed exports under {@code /api/v1/export}, implemented by {@link ExportController}. The format is {@code
 * format=csv|json}, else {@code Accept: text/csv} gives CSV, else JSON. The body is streamed as it is read from the
 * database (chunked transfer), so an export of any size holds only a small window of rows in memory. Each export
 * holds a database connection while it streams; at most {@code biotdm.export.max-concurrent} run at once.
 */
@Produces({MediaType.APPLICATION_JSON, ExportFormat.TEXT_CSV})
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface ExportOperations {
    /** The export formats of {@code format}. */
    String FORMATS = "csv|json";

    /**
     * Exports a device's readings in a reading-time range, ordered by time then ID. CSV columns: {@code
     * deviceId,id,sensor,ts,valueText,kind,unit,receivedAt}; JSON objects as in the telemetry read API.
     *
     * @param deviceId the device, visible to the caller
     * @param sensor only this sensor; absent for all
     * @param from range start, inclusive, epoch ms or ISO-8601; absent for {@code to − 24 h}
     * @param to range end, exclusive; absent for now
     * @param format {@code csv} or {@code json}
     * @param accept the {@code Accept} header
     * @param authentication the caller
     * @return the file, {@code telemetry-<deviceId>.<ext>}
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code DEVICE_NOT_FOUND}, 403
     *     {@code DEVICE_ACCESS_DENIED}, 503 {@code EXPORT_BUSY} (with {@code Retry-After}), 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Get("/export/devices/{deviceId}/telemetry")
    HttpResponse<StreamedFile> telemetry(
            @PathVariable String deviceId,
            @Nullable @QueryValue String sensor,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue @Pattern(regexp = FORMATS, message = "must be csv or json") String format,
            @Nullable @Header(HttpHeaders.ACCEPT) String accept,
            Authentication authentication);

    /**
     * Exports the alerts the caller may see, newest first, with the list's filters. CSV columns: {@code
     * id,deviceId,kind,ruleId,sensor,severity,state,message,value,readingTs,createdAt,updatedAt,clearedAt,
     * acknowledgedBy,acknowledgedAt,resolvedBy,resolvedAt}.
     *
     * @param device only this device
     * @param state {@code open}, {@code acknowledged} or {@code resolved}
     * @param severity {@code info}, {@code warning} or {@code critical}
     * @param from raised at or after
     * @param to raised before
     * @param format {@code csv} or {@code json}
     * @param accept the {@code Accept} header
     * @param authentication the caller
     * @return the file, {@code alerts.<ext>}
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404
     *     {@code DEVICE_NOT_FOUND}, 403 {@code DEVICE_ACCESS_DENIED}, 503 {@code EXPORT_BUSY}, 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Get("/export/alerts")
    HttpResponse<StreamedFile> alerts(
            @Nullable @QueryValue @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String device,
            @Nullable
                    @QueryValue
                    @Pattern(regexp = AlertOperations.STATES, message = "must be one of " + AlertOperations.STATES)
                    String state,
            @Nullable
                    @QueryValue
                    @Pattern(
                            regexp = AlertOperations.SEVERITIES,
                            message = "must be one of " + AlertOperations.SEVERITIES)
                    String severity,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue @Pattern(regexp = FORMATS, message = "must be csv or json") String format,
            @Nullable @Header(HttpHeaders.ACCEPT) String accept,
            Authentication authentication);

    /**
     * Exports a device's ledger audit trail ({@code audit:AuditTrail("device", id)}), newest first. CSV columns:
     * {@code txId,timestamp,deleted,actorId,actorMsp,record} ({@code record} as compact JSON).
     *
     * @param deviceId the device, visible to the caller
     * @param format {@code csv} or {@code json}
     * @param accept the {@code Accept} header
     * @param authentication the caller
     * @return the file, {@code audit-<deviceId>.<ext>}
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code DEVICE_NOT_FOUND}, 403
     *     {@code DEVICE_ACCESS_DENIED}, 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/export/devices/{deviceId}/audit")
    HttpResponse<StreamedFile> audit(
            @PathVariable String deviceId,
            @Nullable @QueryValue @Pattern(regexp = FORMATS, message = "must be csv or json") String format,
            @Nullable @Header(HttpHeaders.ACCEPT) String accept,
            Authentication authentication);
}
