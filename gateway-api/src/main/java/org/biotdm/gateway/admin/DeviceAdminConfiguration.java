package org.biotdm.gateway.admin;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Holds the {@code biotdm.device-admin.*} settings of the devices API: page sizes of the device list, the strength of
 * provisioning claim tokens and how long an authorised key rotation stays open.
 */
@ConfigurationProperties("biotdm.device-admin")
public class DeviceAdminConfiguration {
    private int defaultPageSize = 50;
    private int maxPageSize = 200;
    private int claimTokenBytes = 32;
    private Duration rekeyWindow = Duration.ofHours(24);

    /**
     * Returns the page size of a device list request that names none.
     *
     * @return 50 by default
     */
    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    /**
     * Sets the default page size.
     *
     * @param defaultPageSize the size, 1 to {@link #getMaxPageSize()}
     */
    public void setDefaultPageSize(int defaultPageSize) {
        this.defaultPageSize = defaultPageSize;
    }

    /**
     * Returns the largest page size a client may ask for; more is 400 {@code INVALID_ARGUMENT}.
     *
     * @return 200 by default (also the chaincode's limit for its pages)
     */
    public int getMaxPageSize() {
        return maxPageSize;
    }

    /**
     * Sets the largest page size.
     *
     * @param maxPageSize the size
     */
    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    /**
     * Returns how many random bytes a provisioning claim token carries (encoded as unpadded base64url text, whose
     * UTF-8 bytes are what the device sends and what the chaincode hashes).
     *
     * @return 32 by default (256 bits); 12 to 192
     */
    public int getClaimTokenBytes() {
        return claimTokenBytes;
    }

    /**
     * Sets the claim token strength.
     *
     * @param claimTokenBytes random bytes, 12 to 192 (the chaincode takes 16–256 bytes of token text)
     */
    public void setClaimTokenBytes(int claimTokenBytes) {
        this.claimTokenBytes = claimTokenBytes;
    }

    /**
     * Returns how long after an admin authorised a key rotation the device may present its new CSR.
     *
     * @return 24 hours by default
     */
    public Duration getRekeyWindow() {
        return rekeyWindow;
    }

    /**
     * Sets the key rotation window.
     *
     * @param rekeyWindow the window
     */
    public void setRekeyWindow(Duration rekeyWindow) {
        this.rekeyWindow = rekeyWindow;
    }
}
