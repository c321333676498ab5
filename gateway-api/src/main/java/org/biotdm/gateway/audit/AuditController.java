package org.biotdm.gateway.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * The audit API under {@code /api/v1/audit}, for admins and auditors: the ledger history of a device, command or grant
 * of their organisation ({@code AuditTrail}: every version with the transaction, time and Fabric identity that wrote
 * it), the telemetry anchors, and blocks and transactions read through Fabric's {@code qscc}.
 *
 * <p>Errors: 400 {@code INVALID_ARGUMENT}, 401 {@code AUTH_REQUIRED}, 403 {@code ACCESS_DENIED} (operators),
 * {@code DEVICE_ACCESS_DENIED}, {@code GRANT_ACCESS_DENIED} (another organisation's), 404 {@code DEVICE_NOT_FOUND},
 * {@code COMMAND_NOT_FOUND}, {@code GRANT_NOT_FOUND}, {@code BLOCK_NOT_FOUND}, {@code TRANSACTION_NOT_FOUND}, 503
 * {@code LEDGER_UNAVAILABLE}.
 */
@Tag(name = "Audit")
@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {
    private final AuditService service;

    /**
     * Creates the controller.
     *
     * @param service the audit reads
     */
    public AuditController(AuditService service) {
        this.service = service;
    }

    /**
     * Returns a device's ledger history, newest first.
     *
     * @param authentication the caller
     * @param deviceId the device ID
     * @return the entries
     */
    @Get("/devices/{deviceId}")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public List<LedgerAuditEntry> device(Authentication authentication, @PathVariable String deviceId) {
        return service.device(ApiUser.from(authentication), deviceId);
    }

    /**
     * Returns a command's ledger history, newest first.
     *
     * @param authentication the caller
     * @param commandId the command ID
     * @return the entries
     */
    @Get("/commands/{commandId}")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public List<LedgerAuditEntry> command(Authentication authentication, @PathVariable String commandId) {
        return service.command(ApiUser.from(authentication), commandId);
    }

    /**
     * Returns a grant's ledger history, newest first.
     *
     * @param authentication the caller
     * @param grantId the grant ID
     * @return the entries
     */
    @Get("/grants/{grantId}")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public List<LedgerAuditEntry> grant(Authentication authentication, @PathVariable String grantId) {
        return service.grant(ApiUser.from(authentication), grantId);
    }

    /**
     * Lists the telemetry anchors of every gateway whose window starts in {@code [from, to)}, by start time.
     *
     * @param from the earliest window start, epoch milliseconds
     * @param to the latest window start (exclusive), epoch milliseconds
     * @param pageSize 1–200 (default 50)
     * @param bookmark the previous page's {@code bookmark}
     * @return the page
     */
    @Get("/anchors")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public AuditLedger.AnchorPage anchors(
            @QueryValue long from,
            @QueryValue long to,
            @Nullable @QueryValue Integer pageSize,
            @Nullable @QueryValue String bookmark) {
        return service.anchors(from, to, pageSize, bookmark);
    }

    /**
     * Returns the channel's height and the hashes of its newest blocks.
     *
     * @return the chain info
     */
    @Get("/chain")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public ChainInfoResponse chain() {
        return service.chainInfo();
    }

    /**
     * Returns a block, decoded: header hashes and each transaction's ID, creator MSP, chaincode function,
     * validation code and timestamp.
     *
     * @param blockNumber the block number
     * @return the block
     */
    @Get("/blocks/{blockNumber}")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public BlockSummary block(@PathVariable long blockNumber) {
        return service.block(blockNumber);
    }

    /**
     * Returns a transaction, decoded, with its validation code.
     *
     * @param txId the transaction ID, 64 lowercase hex digits
     * @return the transaction
     */
    @Get("/transactions/{txId}")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public TransactionSummary transaction(@PathVariable String txId) {
        return service.transaction(txId);
    }
}
