package org.biotdm.gateway.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A group record exactly as the chaincode's {@code groups} contract returns it.
 *
 * @param groupId the group ID, unique on the channel
 * @param ownerMsp the owner organisation's MSP ID
 * @param description free text, or null
 * @param members the member device IDs, sorted
 * @param policy the group policy
 * @param endorsingMsps the organisations whose peers must endorse the group's next write, sorted
 * @param createdAt creation time, epoch ms
 * @param updatedAt last write, epoch ms
 * @param updatedBy the last writer's Fabric ID
 * @param updatedByMsp the last writer's MSP ID
 */
@Serdeable
public record LedgerGroup(
        String groupId,
        String ownerMsp,
        @Nullable String description,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<String> members,
        GroupPolicyBody policy,
        List<String> endorsingMsps,
        long createdAt,
        long updatedAt,
        @Nullable String updatedBy,
        @Nullable String updatedByMsp) {
    /**
     * Copies the lists.
     *
     * @param groupId the group ID
     * @param ownerMsp the owner
     * @param description the description
     * @param members the members
     * @param policy the policy
     * @param endorsingMsps the endorsing organisations
     * @param createdAt creation time
     * @param updatedAt last write
     * @param updatedBy last writer
     * @param updatedByMsp last writer's MSP
     */
    public LedgerGroup {
        members = members == null ? List.of() : List.copyOf(members);
        endorsingMsps = endorsingMsps == null ? List.of() : List.copyOf(endorsingMsps);
    }
}
