package org.biotdm.gateway.provisioning;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * Holds the {@code biotdm.claim-commit.*} settings of {@link ClaimGroupCommit}; defaults are in {@code
 * application.yml}.
 *
 * @param linger how long a batch waits for more claims after its first one arrived; 0 to 1 second, 5 ms by default
 * @param committers how many batches may be endorsed and committed at once, 1 to 32; 4 by default
 */
@Context
@ConfigurationProperties("biotdm.claim-commit")
record ClaimCommitConfiguration(@NotNull Duration linger, @Min(1) @Max(32) int committers) {
    /**
     * Checks the linger's range.
     *
     * @param linger the linger
     * @param committers the committer count
     */
    public ClaimCommitConfiguration {
        if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("biotdm.claim-commit.linger must be 0 to 1s, not " + linger);
        }
    }
}
