package org.biotdm.gateway.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.biotdm.gateway.query.QueryParameters;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * Serves {@link AuditOperations} to admins and auditors; ledger reads block, so requests run on the blocking executor.
 * Anchors, the chain and blocks are consortium-wide evidence, so those routes do not look at the caller's
 * organisation.
 */
@Tag(name = "Audit")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
class AuditController implements AuditOperations {
    private final AuditService service;

    /**
     * Creates the controller.
     *
     * @param service the audit reads
     */
    public AuditController(AuditService service) {
        this.service = service;
    }

    @Override
    public List<LedgerAuditEntry> device(Authentication authentication, String deviceId) {
        return service.device(ApiUser.from(authentication), deviceId);
    }

    @Override
    public List<LedgerAuditEntry> command(Authentication authentication, String commandId) {
        return service.command(ApiUser.from(authentication), commandId);
    }

    @Override
    public List<LedgerAuditEntry> grant(Authentication authentication, String grantId) {
        return service.grant(ApiUser.from(authentication), grantId);
    }

    @Override
    public AuditLedger.AnchorPage anchors(
            Authentication authentication,
            @Nullable String from,
            @Nullable String to,
            @Nullable Integer pageSize,
            @Nullable String bookmark) {
        long end = QueryParameters.time("to", to, System.currentTimeMillis());
        return service.anchors(QueryParameters.time("from", from, 0), end, pageSize, bookmark);
    }

    @Override
    public ChainInfoResponse chain(Authentication authentication) {
        return service.chainInfo();
    }

    @Override
    public BlockSummary block(Authentication authentication, long blockNumber) {
        return service.block(blockNumber);
    }

    @Override
    public TransactionSummary transaction(Authentication authentication, String txId) {
        return service.transaction(txId);
    }
}
