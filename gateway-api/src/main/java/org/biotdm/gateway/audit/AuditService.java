package org.biotdm.gateway.audit;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.grant.GrantLedger;
import org.biotdm.gateway.grant.LedgerGrant;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiUser;

/**
 * The audit reads: ledger histories of devices, commands and grants of the caller's organisation, the anchors list,
 * and blocks and transactions through qscc.
 */
@Singleton
public class AuditService {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_PAGE_SIZE = 200;

    private final AuditLedger ledger;
    private final GrantLedger grants;
    private final ChainBrowser chain;
    private final DeviceAccess access;

    /**
     * Creates the service.
     *
     * @param ledger the audit reads
     * @param grants the grants contract
     * @param chain the qscc reader
     * @param access the device access rules
     */
    public AuditService(AuditLedger ledger, GrantLedger grants, ChainBrowser chain, DeviceAccess access) {
        this.ledger = ledger;
        this.grants = grants;
        this.chain = chain;
        this.access = access;
    }

    /**
     * Returns a device's audit trail.
     *
     * @param user the person, who must be allowed to see the device
     * @param deviceId the device ID
     * @return the entries, newest first
     */
    public List<LedgerAuditEntry> device(ApiUser user, String deviceId) {
        access.requireReadable(user, deviceId);
        return trail("device", deviceId);
    }

    /**
     * Returns a command's audit trail.
     *
     * @param user the person, who must be allowed to see the command's device
     * @param commandId the command ID
     * @return the entries, newest first
     */
    public List<LedgerAuditEntry> command(ApiUser user, String commandId) {
        checkId("commandId", commandId);
        Map<String, Object> command;
        try {
            command = ledger.getCommand(commandId);
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        access.requireReadable(user, String.valueOf(command.get("deviceId")));
        return trail("command", commandId);
    }

    /**
     * Returns a grant's audit trail.
     *
     * @param user the person, of the granting organisation
     * @param grantId the grant ID
     * @return the entries, newest first
     */
    public List<LedgerAuditEntry> grant(ApiUser user, String grantId) {
        checkId("grantId", grantId);
        LedgerGrant grant;
        try {
            grant = grants.getGrant(grantId)
                    .orElseThrow(
                            () -> new ApiException(ErrorCode.GRANT_NOT_FOUND, "Grant " + grantId + " does not exist"));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        if (!grant.ownerMsp().equals(user.mspId())) {
            throw new ApiException(ErrorCode.GRANT_ACCESS_DENIED, "You may not access grant " + grantId);
        }
        return trail("grant", grantId);
    }

    /**
     * Lists anchors whose window starts in {@code [from, to)}.
     *
     * @param from the earliest start, epoch milliseconds
     * @param to the latest start (exclusive), epoch milliseconds
     * @param pageSize 1–200, or null for 50
     * @param bookmark the previous page's bookmark, or null
     * @return the page
     */
    public AuditLedger.AnchorPage anchors(long from, long to, Integer pageSize, String bookmark) {
        if (from < 0 || from >= to) {
            throw ApiException.invalid("from", "from must be 0 or more and before to");
        }
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
            throw ApiException.invalid("pageSize", "pageSize must be 1 to " + MAX_PAGE_SIZE);
        }
        try {
            return ledger.listAnchors(new AuditLedger.AnchorQuery(
                    from, to, pageSize, bookmark == null || bookmark.isEmpty() ? null : bookmark));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Reads the channel's height and head.
     *
     * @return the chain info
     */
    public ChainInfoResponse chainInfo() {
        try {
            return chain.chainInfo();
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Reads a block.
     *
     * @param number the block number
     * @return the decoded block
     */
    public BlockSummary block(long number) {
        if (number < 0) {
            throw ApiException.invalid("blockNumber", "blockNumber must be 0 or more");
        }
        try {
            return chain.block(number)
                    .orElseThrow(
                            () -> new ApiException(ErrorCode.BLOCK_NOT_FOUND, "The channel has no block " + number));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Reads a transaction.
     *
     * @param txId the transaction ID, 64 lowercase hex digits
     * @return the decoded transaction with its validation code
     */
    public TransactionSummary transaction(String txId) {
        if (txId == null || !TX_ID.matcher(txId).matches()) {
            throw ApiException.invalid("txId", "txId must be 64 lowercase hex digits");
        }
        try {
            return chain.transaction(txId)
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.TRANSACTION_NOT_FOUND, "The channel has no transaction " + txId));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    private List<LedgerAuditEntry> trail(String entity, String id) {
        try {
            return ledger.auditTrail(entity, id);
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    private static void checkId(String name, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiException.invalid(name, name + " must match " + ID.pattern());
        }
    }
}
