package org.biotdm.gateway.group;

import jakarta.inject.Singleton;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;

/**
 * Writes groups on the ledger as the calling admin and reads them for the people of their organisation. A committed
 * write reaches the {@link GroupDirectory} at once (the chaincode event re-applies it later). Another organisation's
 * group is refused with {@code ACCESS_DENIED} before any transaction.
 */
@Singleton
public final class GroupService {
    private final GroupLedger ledger;
    private final GroupDirectory directory;
    private final UserLedgerIdentities identities;

    /**
     * Creates the service.
     *
     * @param ledger the groups contract
     * @param directory the in-memory read model
     * @param identities the people's Fabric identities
     */
    public GroupService(GroupLedger ledger, GroupDirectory directory, UserLedgerIdentities identities) {
        this.ledger = ledger;
        this.directory = directory;
        this.identities = identities;
    }

    /**
     * Creates a group of the caller's organisation.
     *
     * @param user an admin
     * @param request the group
     * @return the group and its transaction
     * @throws ApiException 403 {@code ACCESS_DENIED}; 409 {@code GROUP_EXISTS}, {@code GROUP_MEMBERSHIP_CONFLICT};
     *     400 {@code INVALID_ARGUMENT}; 503/504 ledger failures
     */
    public GroupChangeResponse create(ApiUser user, CreateGroupRequest request) {
        requireAdmin(user);
        try {
            return remember(ledger.create(identities.identityOf(user), request));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Adds or removes a member.
     *
     * @param user an admin of the group's organisation
     * @param groupId the group
     * @param deviceId the device
     * @param add true to add, false to remove
     * @return the group and its transaction
     * @throws ApiException 403 {@code ACCESS_DENIED}; 404 {@code GROUP_NOT_FOUND}, {@code DEVICE_NOT_FOUND}; 409
     *     {@code GROUP_MEMBERSHIP_CONFLICT}, {@code DEVICE_DECOMMISSIONED}; 503/504 ledger failures
     */
    public GroupChangeResponse member(ApiUser user, String groupId, String deviceId, boolean add) {
        requireAdmin(user);
        LedgerGroup group = readOwn(user, groupId);
        try {
            return remember(ledger.member(identities.identityOf(user), group, deviceId, add));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Replaces a group's policy, endorsed by the organisations its committed key-level policy names.
     *
     * @param user an admin of the group's organisation
     * @param groupId the group
     * @param policy the new policy
     * @return the group and its transaction
     * @throws ApiException 403 {@code ACCESS_DENIED}; 404 {@code GROUP_NOT_FOUND}; 409 {@code
     *     GROUP_MEMBERSHIP_CONFLICT}; 400 {@code INVALID_ARGUMENT}; 502 {@code LEDGER_TRANSACTION_INVALID}; 503/504 ledger
     *     failures
     */
    public GroupChangeResponse setPolicy(ApiUser user, String groupId, GroupPolicyBody policy) {
        requireAdmin(user);
        LedgerGroup group = readOwn(user, groupId);
        try {
            return remember(ledger.setPolicy(identities.identityOf(user), groupId, policy, group.endorsingMsps()));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Reads a group of the caller's organisation.
     *
     * @param user any person of the group's organisation
     * @param groupId the group
     * @return the group
     * @throws ApiException 403 {@code ACCESS_DENIED}; 404 {@code GROUP_NOT_FOUND}; 503 {@code LEDGER_UNAVAILABLE}
     */
    public LedgerGroup get(ApiUser user, String groupId) {
        return readOwn(user, groupId);
    }

    /**
     * Lists the caller's organisation's groups.
     *
     * @param user any person
     * @param pageSize 1–200, or null for 50
     * @param bookmark the previous page's bookmark, or null
     * @return the page
     * @throws ApiException 400 {@code INVALID_ARGUMENT}; 503 {@code LEDGER_UNAVAILABLE}
     */
    public GroupListResponse list(ApiUser user, Integer pageSize, String bookmark) {
        try {
            GroupLedger.GroupPage page =
                    ledger.list(user.mspId(), pageSize, bookmark == null || bookmark.isEmpty() ? null : bookmark);
            return new GroupListResponse(page.records(), page.bookmark().isEmpty() ? null : page.bookmark());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    private LedgerGroup readOwn(ApiUser user, String groupId) {
        LedgerGroup group;
        try {
            group = ledger.get(groupId)
                    .orElseThrow(() -> new ApiException(ErrorCode.GROUP_NOT_FOUND, "No group " + groupId));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        if (!group.ownerMsp().equals(user.mspId())) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "Group " + groupId + " belongs to another organisation");
        }
        return group;
    }

    private GroupChangeResponse remember(GroupChangeResponse change) {
        directory.apply(change.group());
        return change;
    }

    private static void requireAdmin(ApiUser user) {
        if (!user.is(ApiRole.ADMIN)) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "Only administrators change groups");
        }
    }
}
