package org.biotdm.gateway.configuration;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A group's configuration state: each member's desired vs reported and drift.
 *
 * @param groupId the group
 * @param drifting how many members the caller may see drift (desired ≠ reported)
 * @param members one entry per member, in the group's member order; empty for a group without members
 */
@Serdeable
public record GroupConfigurationState(
        String groupId, int drifting, @JsonInclude(JsonInclude.Include.ALWAYS) List<MemberConfigurationState> members) {
    /**
     * Copies the list (absent reads as empty).
     *
     * @param groupId the group
     * @param drifting drifting members
     * @param members the states
     */
    public GroupConfigurationState {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
