package org.biotdm.gateway.grant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.biotdm.gateway.error.InputRules;

/**
 * {@code POST /api/v1/grants}: who may act on which devices of the caller's organisation, with which command types,
 * until when. Exactly one of {@code username} and {@code granteeMsp}; exactly one of {@code deviceId} and {@code
 * deviceGroup}.
 *
 * @param grantId the grant ID ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}), or null for a generated one
 * @param username an operator of the caller's organisation, resolved to their Fabric ID; or null
 * @param granteeMsp an MSP ID whose every operator is granted; or null
 * @param deviceId a device of the caller's organisation; or null
 * @param deviceGroup a device group of the caller's organisation; or null
 * @param commandTypes the command types the grantee may issue (1–32)
 * @param expiresAt when the grant stops covering, epoch milliseconds, in the future
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record GrantRequest(
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String grantId,
        @Nullable String username,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String granteeMsp,
        @Nullable String deviceId,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceGroup,
        @Nullable @NotEmpty List<String> commandTypes,
        @Nullable @NotNull @Positive Long expiresAt) {}
