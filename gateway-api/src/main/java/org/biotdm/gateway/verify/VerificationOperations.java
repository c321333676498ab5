package org.biotdm.gateway.verify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.error.InputRules;

/**
 * The auditor's verification API under {@code /api/v1}, implemented by {@link VerificationController} and extended by
 * the tests' declarative client. Both endpoints need the access token of an auditor or admin of any member organisation
 * ({@code Authorization: Bearer <JWT>}): anchored windows are consortium-wide evidence, so verification is not limited
 * to one organisation's devices. Reading contents are not: a caller who may not read a reading's device (the rule of
 * {@code GET /api/v1/devices/{id}/telemetry}) gets roots, counts, statuses, leaf hashes and proofs without the
 * reading's device, sensor, time, value, unit or leaf bytes.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface VerificationOperations {

    /**
     * Verifies stored telemetry against the ledger's anchors for every window touching {@code [from, to)} (gateway
     * receive time).
     *
     * @param device the device to report on; absent for all devices
     * @param from the range start, inclusive, required (absent answers 400 {@code INVALID_ARGUMENT}): epoch
     *     milliseconds or ISO-8601 ({@code 2024-01-01T00:00:00Z})
     * @param to the range end, exclusive, same formats; absent for now
     * @param authentication the caller, an auditor or admin
     * @return the per-window report and summary; named readings of devices the caller may not read carry only their
     *     ID, leaf index and leaf hashes
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (missing or unparsable times,
     *     {@code from ≥ to}), 400 {@code VERIFY_RANGE_TOO_LARGE} (more than {@code verify-max-windows} windows), 401 {@code
     *     AUTH_REQUIRED}, 503 {@code LEDGER_UNAVAILABLE}, 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get("/verify")
    VerifyResponse verify(
            @Nullable @QueryValue String device,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            Authentication authentication);

    /**
     * Returns the inclusion proof of one reading against its window's on-chain anchor.
     *
     * @param id the reading's ID
     * @param authentication the caller, an auditor or admin
     * @return the proof, checkable without trusting the gateway; without {@code reading}, {@code leafText} and {@code
     *     leafBytes} when the caller may not read the reading's device
     * @throws org.biotdm.gateway.error.ApiException 401 {@code AUTH_REQUIRED}, 404 {@code READING_NOT_FOUND}, 409
     *     {@code READING_NOT_ANCHORED}, 409 {@code READING_NOT_IN_ANCHOR}, 503 {@code LEDGER_UNAVAILABLE}, 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Get("/readings/{id}/proof")
    ReadingProofResponse proof(@PathVariable long id, Authentication authentication);

    /**
     * Returns one page of a sealed window's readings as stored now, by ascending reading ID, for checking the window
     * against the root on the caller's own peer ({@code biotdm audit verify --gateway}) without trusting this gateway.
     *
     * @param windowId the window's ledger ID, the argument of {@code GetAnchor}
     * @param after only readings with a greater ID (the previous page's {@code nextAfter}); absent for the first page
     * @param limit readings per page, 1 to {@value WindowReadingsPage#MAX_LIMIT}; absent for {@value
     *     WindowReadingsPage#DEFAULT_LIMIT}
     * @param authentication the caller, an auditor or admin
     * @return the page; readings of devices the caller may not read carry only their ID and leaf hash
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 401 {@code AUTH_REQUIRED}, 404
     *     {@code WINDOW_NOT_FOUND}, 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get("/windows/{windowId}/readings")
    WindowReadingsPage windowReadings(
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String windowId,
            @Nullable @QueryValue @Min(0) Long after,
            @Nullable @QueryValue @Min(1) @Max(WindowReadingsPage.MAX_LIMIT) Integer limit,
            Authentication authentication);

    /**
     * Returns one page of the leaf hashes recorded when the window was sealed, in tree order: with the readings they
     * name each changed, removed and added reading of a window that no longer matches its anchor.
     *
     * @param windowId the window's ledger ID
     * @param from the first leaf index (the previous page's {@code nextFrom}); absent for 0
     * @param limit leaves per page, 1 to {@value WindowReadingsPage#MAX_LIMIT}; absent for {@value
     *     WindowReadingsPage#DEFAULT_LIMIT}
     * @param authentication the caller, an auditor or admin
     * @return the page
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 401 {@code AUTH_REQUIRED}, 404
     *     {@code WINDOW_NOT_FOUND}, 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get("/windows/{windowId}/leaves")
    WindowLeavesPage windowLeaves(
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String windowId,
            @Nullable @QueryValue @Min(0) Long from,
            @Nullable @QueryValue @Min(1) @Max(WindowReadingsPage.MAX_LIMIT) Integer limit,
            Authentication authentication);
}
