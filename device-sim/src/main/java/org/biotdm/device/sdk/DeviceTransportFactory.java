package org.biotdm.device.sdk;

/** Opens transports to one gateway's device port: without a client certificate to provision, with one afterwards. */
@FunctionalInterface
public interface DeviceTransportFactory {
    /**
     * Opens a transport.
     *
     * @param credentials the device's key and certificate chain for mutual TLS, or null for none (provisioning)
     * @return the transport
     */
    DeviceTransport open(DeviceCredentials credentials);
}
