package org.biotdm.gateway.ingress;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A source of device CA certificates the device port trusts for client authentication, besides the PEM files of
 * {@code biotdm.ingress.client-ca-certs}. The provisioning feature implements it with the CA that issues device
 * certificates. Read once, when the device port starts.
 */
public interface DeviceCaCertificates {

    /**
     * Returns CA certificates whose issued client certificates the device port accepts.
     *
     * @return the CA certificates, possibly empty
     */
    List<X509Certificate> deviceCaCertificates();
}
