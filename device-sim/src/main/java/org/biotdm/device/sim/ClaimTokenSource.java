package org.biotdm.device.sim;

import java.io.IOException;

/**
 * Supplies the one-time claim token of a device that has no certificate yet. An implementation may register the
 * device first (for example through the admin API: create the device with a claim token), then return the token.
 */
@FunctionalInterface
public interface ClaimTokenSource {
    /**
     * Returns the claim token for a device.
     *
     * @param deviceId the device ID
     * @return the token (16–256 UTF-8 bytes)
     * @throws IOException when no token can be had (the device cannot be provisioned)
     */
    String claimToken(String deviceId) throws IOException;
}
