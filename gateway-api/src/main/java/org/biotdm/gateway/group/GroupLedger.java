package org.biotdm.gateway.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.LedgerJson;
import org.biotdm.gateway.ledger.LedgerResult;

/**
 * Typed access to the chaincode's {@code groups} contract (chaincode-java/README.md, "Groups"). Writes take the calling
 * admin's identity; a write of a group whose key-level policy names more organisations than the owner is endorsed by
 * exactly those organisations' peers ({@link LedgerClient#submitEndorsedBy}); reads use the gateway's identity. Every
 * method blocks; writes wait for the commit.
 */
@Singleton
public class GroupLedger {
    /** The contract name in the BIoT-DM chaincode. */
    public static final String CONTRACT = "groups";

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public GroupLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Submits {@code CreateGroup}.
     *
     * @param caller an {@code admin}; the group belongs to its organisation
     * @param request the group
     * @return the written group and its transaction
     * @throws LedgerException {@code GROUP_EXISTS}, {@code GROUP_MEMBERSHIP_CONFLICT}, {@code INVALID_ARGUMENT},
     *     {@code ACCESS_DENIED}, or a ledger failure
     */
    public GroupChangeResponse create(LedgerIdentity caller, CreateGroupRequest request) throws LedgerException {
        return write(caller, "CreateGroup", request.groupId(), request, List.of());
    }

    /**
     * Submits {@code AddGroupMember} or {@code RemoveGroupMember}.
     *
     * @param caller an {@code admin} of the owner organisation
     * @param group the group as last read, for its endorsing organisations
     * @param deviceId the device
     * @param add true to add, false to remove
     * @return the written group and its transaction
     * @throws LedgerException {@code GROUP_NOT_FOUND}, {@code GROUP_MEMBERSHIP_CONFLICT}, {@code DEVICE_NOT_FOUND},
     *     {@code DEVICE_DECOMMISSIONED}, {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or a ledger failure
     */
    public GroupChangeResponse member(LedgerIdentity caller, LedgerGroup group, String deviceId, boolean add)
            throws LedgerException {
        return write(
                caller,
                add ? "AddGroupMember" : "RemoveGroupMember",
                group.groupId(),
                new MemberArgs(group.groupId(), deviceId),
                group.endorsingMsps());
    }

    /**
     * Submits {@code SetGroupPolicy}, endorsed by the organisations named.
     *
     * @param caller an {@code admin} of the owner organisation
     * @param groupId the group
     * @param policy the new policy
     * @param endorsers the organisations whose peers endorse (the group's committed {@code endorsingMsps}); an owner
     *     alone uses the gateway's endorsement plan
     * @return the written group and its transaction
     * @throws LedgerException {@code GROUP_NOT_FOUND}, {@code GROUP_MEMBERSHIP_CONFLICT}, {@code INVALID_ARGUMENT},
     *     {@code ACCESS_DENIED}, {@code LEDGER_TRANSACTION_INVALID} (a required co-endorsement is missing), or a ledger failure
     */
    public GroupChangeResponse setPolicy(
            LedgerIdentity caller, String groupId, GroupPolicyBody policy, List<String> endorsers)
            throws LedgerException {
        return write(caller, "SetGroupPolicy", groupId, new PolicyArgs(groupId, policy), endorsers);
    }

    /**
     * Evaluates {@code GetGroup} as the gateway.
     *
     * @param groupId the group
     * @return the group, or empty on {@code GROUP_NOT_FOUND}
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public Optional<LedgerGroup> get(String groupId) throws LedgerException {
        try {
            return Optional.of(LedgerJson.read(
                    json, client.evaluate(client.gatewayIdentity(), CONTRACT, "GetGroup", groupId), LedgerGroup.class));
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.GROUP_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Evaluates {@code ListGroups} as the gateway.
     *
     * @param ownerMsp the owner organisation
     * @param pageSize 1–200, or null for 50
     * @param bookmark the previous page's bookmark, or null
     * @return the page
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public GroupPage list(String ownerMsp, @Nullable Integer pageSize, @Nullable String bookmark)
            throws LedgerException {
        String query = LedgerJson.write(json, new ListArgs(ownerMsp, pageSize, bookmark));
        return LedgerJson.read(
                json, client.evaluate(client.gatewayIdentity(), CONTRACT, "ListGroups", query), GroupPage.class);
    }

    private GroupChangeResponse write(
            LedgerIdentity caller, String function, String groupId, Object argument, List<String> endorsers)
            throws LedgerException {
        String text = LedgerJson.write(json, argument);
        LedgerResult result = client.submitEndorsedBy(caller, CONTRACT, function, "group:" + groupId, text, endorsers);
        return new GroupChangeResponse(
                LedgerJson.read(json, result.payload(), LedgerGroup.class),
                result.transactionId(),
                result.blockNumber());
    }

    /**
     * One page of {@code ListGroups}.
     *
     * @param bookmark where the next page starts, empty on the last page
     * @param fetchedCount how many records the page holds
     * @param records the groups
     */
    @Serdeable
    public record GroupPage(@Nullable String bookmark, int fetchedCount, @Nullable List<LedgerGroup> records) {
        /**
         * Normalises absent values.
         *
         * @param bookmark the bookmark
         * @param fetchedCount the count
         * @param records the records
         */
        public GroupPage {
            bookmark = bookmark == null ? "" : bookmark;
            records = records == null ? List.of() : List.copyOf(records);
        }
    }

    /** The argument of AddGroupMember and RemoveGroupMember. */
    @Serdeable
    record MemberArgs(String groupId, String deviceId) {}

    /** The argument of SetGroupPolicy. */
    @Serdeable
    record PolicyArgs(String groupId, GroupPolicyBody policy) {}

    /** The argument of ListGroups. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListArgs(String ownerMsp, @Nullable Integer pageSize, @Nullable String bookmark) {}
}
