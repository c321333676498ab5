package org.biotdm.gateway.grant;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.grant.GrantLedger.GrantChange;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Grants and revokes operator access on the ledger as the calling admin, and reads grants within the caller's rights.
 * A committed grant or revocation reaches the {@link GrantIndex} at once (the chaincode event re-applies it later).
 */
@Singleton
final class GrantService {

    private static final Logger LOG = LoggerFactory.getLogger(GrantService.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_PAGE_SIZE = 200;

    private final GrantLedger ledger;
    private final GrantIndex index;
    private final GrantRepository repository;
    private final DeviceAccess access;
    private final OperatorDirectory operators;
    private final UserLedgerIdentities identities;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the service.
     *
     * @param ledger the grants contract
     * @param index the grant index
     * @param repository the {@code device_grants} table
     * @param access the device access rules
     * @param operators resolves user names
     * @param identities the people's Fabric identities
     */
    public GrantService(
            GrantLedger ledger,
            GrantIndex index,
            GrantRepository repository,
            DeviceAccess access,
            OperatorDirectory operators,
            UserLedgerIdentities identities) {
        this.ledger = ledger;
        this.index = index;
        this.repository = repository;
        this.access = access;
        this.operators = operators;
        this.identities = identities;
    }

    /**
     * Grants access ({@code GrantDeviceAccess}) as the calling admin.
     *
     * @param user an admin
     * @param request the grant's terms
     * @return the grant and its transaction
     */
    public GrantChangeResponse grant(ApiUser user, GrantRequest request) {
        requireAdmin(user);
        GrantLedger.GrantTerms terms = terms(user, request);
        try {
            GrantChange change = ledger.grant(identities.identityOf(user), terms);
            remember(change.grant());
            return new GrantChangeResponse(change.grant(), change.transactionId(), change.blockNumber());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Revokes a grant of the caller's organisation ({@code RevokeDeviceAccess}); it stops covering at once.
     *
     * @param user an admin
     * @param grantId the grant ID
     * @param reason why, or null
     * @return the revoked grant and its transaction
     */
    public GrantChangeResponse revoke(ApiUser user, String grantId, String reason) {
        requireAdmin(user);
        LedgerGrant grant = read(grantId);
        if (!grant.ownerMsp().equals(user.mspId())) {
            throw denied(grantId);
        }
        try {
            GrantChange change = ledger.revoke(
                    identities.identityOf(user), grantId, reason == null || reason.isBlank() ? null : reason);
            remember(change.grant());
            return new GrantChangeResponse(change.grant(), change.transactionId(), change.blockNumber());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Reads a grant: admins and auditors of the granting organisation, and the operators it names.
     *
     * @param user the person
     * @param grantId the grant ID
     * @return the grant, active or revoked
     */
    public LedgerGrant get(ApiUser user, String grantId) {
        LedgerGrant grant = read(grantId);
        boolean allowed = user.is(ApiRole.OPERATOR)
                ? grant.names(user.mspId(), user.fabricId())
                : grant.ownerMsp().equals(user.mspId());
        if (!allowed) {
            throw denied(grantId);
        }
        return grant;
    }

    /**
     * Lists one page of the caller's organisation's active grants, optionally of one device or group.
     *
     * @param user an admin or auditor
     * @param deviceId only grants naming this device, or null
     * @param deviceGroup only grants naming this group, or null
     * @param pageSize 1–200, or null for 50
     * @param bookmark the previous page's bookmark, or null
     * @return the page
     */
    public GrantListResponse list(
            ApiUser user, String deviceId, String deviceGroup, Integer pageSize, String bookmark) {
        checkId("deviceId", deviceId);
        checkId("deviceGroup", deviceGroup);
        if (deviceId != null && deviceGroup != null) {
            throw ApiException.invalid("deviceGroup", "give deviceId or deviceGroup, not both");
        }
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
            throw ApiException.invalid("pageSize", "pageSize must be 1 to " + MAX_PAGE_SIZE);
        }
        try {
            GrantLedger.GrantPage page = ledger.listGrants(new GrantLedger.GrantQuery(
                    user.mspId(),
                    deviceId,
                    deviceGroup,
                    pageSize,
                    bookmark == null || bookmark.isEmpty() ? null : bookmark));
            return new GrantListResponse(page.records(), page.bookmark().isEmpty() ? null : page.bookmark());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Lists the grants in force that name a person (operators; empty for other roles), from the index.
     *
     * @param user the caller
     * @return the grants, ordered by grant ID
     */
    public List<LedgerGrant> mine(ApiUser user) {
        return index.grantsNaming(user, System.currentTimeMillis()).stream()
                .sorted(Comparator.comparing(LedgerGrant::grantId))
                .toList();
    }

    private GrantLedger.GrantTerms terms(ApiUser user, GrantRequest request) {
        if ((request.username() == null) == (request.granteeMsp() == null)) {
            throw ApiException.invalid("body.username", "give exactly one of username and granteeMsp");
        }
        if ((request.deviceId() == null) == (request.deviceGroup() == null)) {
            throw ApiException.invalid("body.deviceGroup", "give exactly one of deviceId and deviceGroup");
        }
        List<String> commandTypes = request.commandTypes();
        if (request.expiresAt() <= System.currentTimeMillis()) {
            throw ApiException.invalid("body.expiresAt", "expiresAt must be a future time in epoch milliseconds");
        }
        if (request.deviceId() != null) {
            access.requireAdministrable(user, request.deviceId());
        }
        String granteeMsp = request.granteeMsp();
        String granteeId = null;
        if (request.username() != null) {
            granteeMsp = user.mspId();
            granteeId = operatorFabricId(request.username(), user.mspId());
        }
        String grantId = request.grantId() == null ? newGrantId() : request.grantId();
        return new GrantLedger.GrantTerms(
                grantId,
                granteeMsp,
                granteeId,
                request.deviceId(),
                request.deviceGroup(),
                commandTypes,
                request.expiresAt());
    }

    private String operatorFabricId(String username, String mspId) {
        OperatorDirectory.Person person;
        try {
            person = operators
                    .find(username, mspId)
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.GRANT_GRANTEE_NOT_FOUND, "Your organisation has no user " + username));
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(5, e);
        }
        if (!ApiRole.Names.OPERATOR.equals(person.role()) || person.fabricId() == null) {
            throw ApiException.invalid(
                    "body.username", "user " + username + " is not an operator with a Fabric identity");
        }
        return person.fabricId();
    }

    private LedgerGrant read(String grantId) {
        checkId("grantId", grantId);
        try {
            return ledger.getGrant(grantId)
                    .orElseThrow(
                            () -> new ApiException(ErrorCode.GRANT_NOT_FOUND, "Grant " + grantId + " does not exist"));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    private void remember(LedgerGrant grant) {
        index.apply(grant);
        try {
            repository.apply(grant);
        } catch (SQLException e) {
            LOG.warn(
                    "device_grants row of {} not written now; the event listener will: {}",
                    grant.grantId(),
                    e.getMessage());
        }
    }

    private String newGrantId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "g-" + HexFormat.of().formatHex(bytes);
    }

    private static void checkId(String name, String value) {
        if (value != null && !ID.matcher(value).matches()) {
            throw ApiException.invalid(name, name + " must match " + ID.pattern());
        }
    }

    private static void requireAdmin(ApiUser user) {
        if (!user.is(ApiRole.ADMIN)) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "Only administrators grant and revoke");
        }
    }

    private static ApiException denied(String grantId) {
        return new ApiException(ErrorCode.GRANT_ACCESS_DENIED, "You may not access grant " + grantId);
    }
}
