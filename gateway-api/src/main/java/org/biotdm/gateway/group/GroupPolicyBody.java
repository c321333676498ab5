package org.biotdm.gateway.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.biotdm.gateway.error.InputRules;

/**
 * A group policy, as the chaincode stores it and as {@code PUT /api/v1/groups/{groupId}/policy} takes it: the command
 * types a member may receive, the firmware channel its members follow, its cluster-head device (a member), and
 * whether organisations holding grants on the group must co-endorse its changes.
 *
 * @param commandTypes the allowed command types, 1 to 32 IDs
 * @param firmwareChannel the firmware channel ID, or null
 * @param clusterHeadDeviceId the cluster-head device, a member, or null
 * @param coEndorseGrantees whether grant-holding organisations co-endorse changes of the group and its rules
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupPolicyBody(
        @NotNull @Size(min = 1, max = 32)
                List<@NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String> commandTypes,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String firmwareChannel,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String clusterHeadDeviceId,
        @NotNull Boolean coEndorseGrantees) {}
