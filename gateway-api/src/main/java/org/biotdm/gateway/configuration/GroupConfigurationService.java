package org.biotdm.gateway.configuration;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.group.GroupService;
import org.biotdm.gateway.group.LedgerGroup;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.protocol.json.CanonicalJson;

/**
 * A device group's desired configuration (docs/configuration.md, "Groups"): setting it sets every member's through
 * the per-device path of {@link ConfigurationService} ({@code SetDesiredConfiguration} per member, each with its own
 * endorsement, version and reserved {@code configuration} command), and reading it gathers every member's desired vs
 * reported. The group's member list is read from the ledger ({@code groups:GetGroup}), the truth, not from the
 * gateway's event-kept view, so a member added a moment ago is included. Members are set one after another: a group
 * holds at most 1000, and a member refused keeps its own code while the rest go on.
 */
@Singleton
class GroupConfigurationService {
    private final GroupService groups;
    private final ConfigurationService configurations;

    /**
     * Creates the service.
     *
     * @param groups reads a group of the caller's organisation from the ledger
     * @param configurations the per-device configuration path
     */
    GroupConfigurationService(GroupService groups, ConfigurationService configurations) {
        this.groups = groups;
        this.configurations = configurations;
    }

    /**
     * Sets the desired configuration of every member of a group of the admin's organisation.
     *
     * @param user an admin of the group's owner organisation
     * @param groupId the group
     * @param request the document
     * @return one outcome per member
     * @throws ApiException 404 {@code GROUP_NOT_FOUND}; 403 {@code ACCESS_DENIED} (another organisation's group); 400
     *     {@code INVALID_ARGUMENT}; 413 {@code CONFIGURATION_TOO_LARGE}; 503 {@code LEDGER_UNAVAILABLE}. A member's own
     *     refusal is in its outcome, not raised.
     */
    GroupConfigurationResponse setDesired(ApiUser user, String groupId, SetGroupConfigurationRequest request) {
        LedgerGroup group = groups.get(user, groupId);
        String document = ConfigurationService.canonical(request.configuration());
        SetConfigurationRequest perMember = new SetConfigurationRequest(request.configuration(), null);
        List<MemberConfigurationResult> results =
                new ArrayList<>(group.members().size());
        int set = 0;
        for (String deviceId : group.members()) {
            try {
                DesiredConfigurationResponse desired = configurations.setDesired(user, deviceId, perMember);
                results.add(new MemberConfigurationResult(deviceId, withoutDocument(desired), null, null));
                set++;
            } catch (ApiException e) {
                results.add(
                        new MemberConfigurationResult(deviceId, null, e.code().name(), e.getMessage()));
            }
        }
        return new GroupConfigurationResponse(
                groupId, CanonicalJson.sha256Hex(document), set, results.size() - set, results);
    }

    /**
     * Returns every member's configuration state: desired vs reported and drift.
     *
     * @param user a person of the group's owner organisation
     * @param groupId the group
     * @return one state per member; a member the person may not see, or without a desired configuration, carries its
     *     code
     * @throws ApiException 404 {@code GROUP_NOT_FOUND}; 403 {@code ACCESS_DENIED} (another organisation's group); 503
     *     {@code LEDGER_UNAVAILABLE}
     */
    GroupConfigurationState state(ApiUser user, String groupId) {
        LedgerGroup group = groups.get(user, groupId);
        List<MemberConfigurationState> states = new ArrayList<>(group.members().size());
        int drifting = 0;
        for (String deviceId : group.members()) {
            try {
                ConfigurationResponse state = configurations.state(user, deviceId);
                states.add(new MemberConfigurationState(deviceId, state, null, null));
                drifting += state.drift() ? 1 : 0;
            } catch (ApiException e) {
                states.add(new MemberConfigurationState(deviceId, null, e.code().name(), e.getMessage()));
            }
        }
        return new GroupConfigurationState(groupId, drifting, states);
    }

    private static DesiredConfigurationResponse withoutDocument(DesiredConfigurationResponse desired) {
        return new DesiredConfigurationResponse(
                desired.deviceId(),
                desired.version(),
                null,
                desired.sha256(),
                desired.commandId(),
                desired.setBy(),
                desired.setAt(),
                desired.transactionId());
    }
}
