package org.biotdm.gateway.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.biotdm.gateway.error.InputRules;

/**
 * The body of {@code POST /device/v1/cluster/grants}: the fields of a key grant ({@code biotdm-cluster-grant-v1}) the
 * cluster head is about to issue, never the key. Unknown fields are refused.
 *
 * @param keyId the key ID, 32 lower-case hex digits (16 random bytes)
 * @param memberA one member's device ID
 * @param memberB the other member's device ID
 * @param issuedAt the head's issue time, epoch milliseconds, within {@code biotdm.cluster.grant-clock-skew} of the
 *     gateway's clock
 * @param expiresAt the key's expiry, epoch milliseconds, 1 s to 24 h after {@code issuedAt}
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record KeyGrantRequest(
        @Nullable @NotNull @Pattern(regexp = "[0-9a-f]{32}", message = "must be 32 lower-case hex digits") String keyId,
        @Nullable @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String memberA,
        @Nullable @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String memberB,
        @Nullable @NotNull @Positive Long issuedAt,
        @Nullable @NotNull @Positive Long expiresAt) {}
