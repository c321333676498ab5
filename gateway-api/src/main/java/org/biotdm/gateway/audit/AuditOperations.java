package org.biotdm.gateway.audit;

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
import java.util.List;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * The audit API under {@code /api/v1/audit}, implemented by {@link AuditController} and extended by the tests'
 * declarative client, for admins and auditors: the ledger history of a device, command or grant of their
 * organisation ({@code AuditTrail}: every version with the transaction, time and Fabric identity that wrote it), the
 * telemetry anchors, and blocks and transactions read through Fabric's {@code qscc}. Every route needs the bearer
 * token of an admin or auditor (401 {@code AUTH_REQUIRED}; 403 {@code ACCESS_DENIED} for operators).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface AuditOperations {
    /**
     * Returns a device's ledger history, newest first.
     *
     * @param authentication the caller
     * @param deviceId the device ID, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
     * @return the entries
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 403 {@code
     *     DEVICE_ACCESS_DENIED} (another organisation's), 404 {@code DEVICE_NOT_FOUND}, 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/audit/devices/{deviceId}")
    List<LedgerAuditEntry> device(Authentication authentication, @PathVariable String deviceId);

    /**
     * Returns a command's ledger history, newest first.
     *
     * @param authentication the caller
     * @param commandId the command ID
     * @return the entries
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 403 {@code
     *     DEVICE_ACCESS_DENIED} (a command to another organisation's device), 404 {@code COMMAND_NOT_FOUND}, 503 {@code
     *     LEDGER_UNAVAILABLE}
     */
    @Get("/audit/commands/{commandId}")
    List<LedgerAuditEntry> command(Authentication authentication, @PathVariable String commandId);

    /**
     * Returns a grant's ledger history, newest first.
     *
     * @param authentication the caller
     * @param grantId the grant ID
     * @return the entries
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 403 {@code
     *     GRANT_ACCESS_DENIED} (another organisation's), 404 {@code GRANT_NOT_FOUND}, 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/audit/grants/{grantId}")
    List<LedgerAuditEntry> grant(Authentication authentication, @PathVariable String grantId);

    /**
     * Lists the telemetry anchors of every gateway whose window starts in {@code [from, to)}, by start time.
     *
     * @param authentication the caller
     * @param from the earliest window start, in the time forms every query takes (epoch milliseconds or ISO-8601 with a
     *     zone or offset); the beginning of time when absent
     * @param to the latest window start (exclusive), after {@code from}, in the same forms; now when absent
     * @param pageSize 1–200 (default 50)
     * @param bookmark the previous page's {@code bookmark}
     * @return the page
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/audit/anchors")
    AuditLedger.AnchorPage anchors(
            Authentication authentication,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue @Min(1) @Max(200) Integer pageSize,
            @Nullable @QueryValue String bookmark);

    /**
     * Returns the channel's height and the hashes of its newest blocks.
     *
     * @param authentication the caller
     * @return the chain info
     * @throws org.biotdm.gateway.error.ApiException 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/audit/chain")
    ChainInfoResponse chain(Authentication authentication);

    /**
     * Returns a block, decoded: header hashes and each transaction's ID, creator MSP, chaincode function, validation
     * code and timestamp.
     *
     * @param authentication the caller
     * @param blockNumber the block number, 0 or more
     * @return the block
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code BLOCK_NOT_FOUND},
     *     503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/audit/blocks/{blockNumber}")
    BlockSummary block(Authentication authentication, @PathVariable long blockNumber);

    /**
     * Returns a transaction, decoded, with its validation code.
     *
     * @param authentication the caller
     * @param txId the transaction ID, 64 lowercase hex digits
     * @return the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code
     *     TRANSACTION_NOT_FOUND}, 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/audit/transactions/{txId}")
    TransactionSummary transaction(Authentication authentication, @PathVariable String txId);
}
