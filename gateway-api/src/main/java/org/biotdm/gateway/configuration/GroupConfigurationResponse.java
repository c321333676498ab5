package org.biotdm.gateway.configuration;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The outcome of setting a group's desired configuration: one entry per member, in the group's member order.
 *
 * @param groupId the group
 * @param sha256 the SHA-256 of the canonical document every member was sent, lowercase hex
 * @param set how many members got it
 * @param refused how many members were refused (each keeps its own code)
 * @param members the per-member outcomes; empty for a group without members
 */
@Serdeable
public record GroupConfigurationResponse(
        String groupId,
        String sha256,
        int set,
        int refused,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<MemberConfigurationResult> members) {
    /**
     * Copies the list (absent reads as empty).
     *
     * @param groupId the group
     * @param sha256 the document's hash
     * @param set members set
     * @param refused members refused
     * @param members the outcomes
     */
    public GroupConfigurationResponse {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
