package org.biotdm.gateway.anchor;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Maps the gateway's receive times to anchoring windows and windows to their IDs on the ledger.
 *
 * <p>Window {@code n} holds the readings received in {@code [n·windowMs, (n+1)·windowMs)} (gateway clock, epoch
 * milliseconds). Its ledger ID is {@code <mspId>-<gatewayId>-<n>}, for example {@code Org1MSP-gw1-170000000}: the
 * chaincode's ID rule ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}) holds, gateways of different organisations never
 * collide, and because the gateway ID contains no {@code -} the ID splits back into its parts unambiguously.
 *
 * @param windowMs the window length, milliseconds
 * @param mspId the gateway's organisation (MSP ID)
 * @param gatewayId the deployment's gateway ID ({@link AnchoringConfiguration#getGatewayId()})
 */
public record WindowLayout(long windowMs, String mspId, String gatewayId) {
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern GATEWAY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._]{0,15}");

    /**
     * Creates the layout.
     *
     * @param windowMs the window length, milliseconds, positive
     * @param mspId the MSP ID, matching {@code [A-Za-z0-9][A-Za-z0-9._-]{0,31}}
     * @param gatewayId the gateway ID, matching {@code [A-Za-z0-9][A-Za-z0-9._]{0,15}}
     * @throws IllegalArgumentException when a part is out of range
     */
    public WindowLayout {
        if (windowMs <= 0) {
            throw new IllegalArgumentException("window length must be positive");
        }
        if (!MSP_ID.matcher(Objects.requireNonNull(mspId, "mspId")).matches()) {
            throw new IllegalArgumentException("MSP ID unusable in a ledger window ID: " + mspId);
        }
        if (!GATEWAY_ID.matcher(Objects.requireNonNull(gatewayId, "gatewayId")).matches()) {
            throw new IllegalArgumentException("gateway ID unusable in a ledger window ID: " + gatewayId);
        }
    }

    /**
     * Creates the layout from the anchoring configuration.
     *
     * @param configuration the configuration
     * @param mspId the gateway's MSP ID ({@code biotdm.ledger.msp-id})
     * @return the layout
     */
    public static WindowLayout of(AnchoringConfiguration configuration, String mspId) {
        return new WindowLayout(configuration.windowMs(), mspId, configuration.gatewayId());
    }

    /**
     * Returns the window a receive time falls in.
     *
     * @param receivedAtMillis the gateway's receive time, epoch milliseconds
     * @return the window number, {@code floor(receivedAtMillis / windowMs)}
     */
    public long windowOf(long receivedAtMillis) {
        return Math.floorDiv(receivedAtMillis, windowMs);
    }

    /**
     * Returns a window's start.
     *
     * @param window the window number
     * @return epoch milliseconds, inclusive
     */
    public long startOf(long window) {
        return window * windowMs;
    }

    /**
     * Returns a window's end.
     *
     * @param window the window number
     * @return epoch milliseconds, exclusive
     */
    public long endOf(long window) {
        return (window + 1) * windowMs;
    }

    /**
     * Returns a window's ID on the ledger.
     *
     * @param window the window number
     * @return {@code <mspId>-<gatewayId>-<window>}
     */
    public String ledgerId(long window) {
        return mspId + "-" + gatewayId + "-" + window;
    }
}
