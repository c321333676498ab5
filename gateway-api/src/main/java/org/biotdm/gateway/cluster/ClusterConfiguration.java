package org.biotdm.gateway.cluster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.cluster.*} settings; defaults are in {@code application.yml}, and a missing or out-of-range
 * setting stops the gateway at startup.
 *
 * @param membershipTtl how long a membership answer is reused, at most 2 s (so a member suspended on the ledger gets
 *     no new key after that); 2 s by default. Registry changes drop cached answers at once
 * @param membershipCacheSize most cached answers (pairs of head and member); 10,000 by default
 * @param grantClockSkew largest distance between a grant's {@code issuedAt} and the gateway's clock; 30 s by default
 * @param anchorInterval how often recorded grant hashes are batched and anchored; 5 s by default
 * @param anchorBatchMax most grant hashes in one anchored batch; 10,000 by default
 */
@Context
@ConfigurationProperties("biotdm.cluster")
record ClusterConfiguration(
        @NotNull @DurationMin(0) Duration membershipTtl,
        @Min(1) int membershipCacheSize,
        @NotNull @DurationMin(0) Duration grantClockSkew,
        @NotNull @DurationMin(1) Duration anchorInterval,
        @Min(1) int anchorBatchMax) {

    /** The longest membership TTL the issue allows. */
    public static final Duration MAX_MEMBERSHIP_TTL = Duration.ofSeconds(2);

    /**
     * Checks the TTL's upper bound.
     *
     * @throws IllegalArgumentException when {@code membershipTtl} is over 2 s
     */
    public ClusterConfiguration {
        if (membershipTtl != null && membershipTtl.compareTo(MAX_MEMBERSHIP_TTL) > 0) {
            throw new IllegalArgumentException(
                    "biotdm.cluster.membership-ttl must be at most 2s, not " + membershipTtl);
        }
    }
}
