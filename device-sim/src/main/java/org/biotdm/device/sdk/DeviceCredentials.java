package org.biotdm.device.sdk;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What a device presents in the TLS handshake.
 *
 * @param keys the device key
 * @param chain its certificate first, then the device CA's
 */
public record DeviceCredentials(DeviceKeys keys, List<X509Certificate> chain) {
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when the chain is empty
     */
    public DeviceCredentials {
        Objects.requireNonNull(keys, "keys");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("The chain needs the device certificate");
        }
    }
}
