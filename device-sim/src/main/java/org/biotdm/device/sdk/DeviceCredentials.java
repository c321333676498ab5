package org.biotdm.device.sdk;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

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

    /**
     * Returns the device ID the certificate names: its subject's common name, as the gateway reads it.
     *
     * @return the subject's single CN
     * @throws IllegalStateException when the subject has no single CN
     */
    public String deviceId() {
        RDN[] names = X500Name.getInstance(
                        chain.get(0).getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
        if (names.length != 1) {
            throw new IllegalStateException("The device certificate's subject needs exactly one CN");
        }
        return IETFUtils.valueToString(names[0].getFirst().getValue());
    }
}
