package org.biotdm.gateway.group;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.error.InputRules;

/**
 * {@code POST /api/v1/groups/{groupId}/members}: a device of the group's organisation to add.
 *
 * @param deviceId the device ID
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record GroupMemberRequest(
        @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId) {}
