package org.biotdm.devnet.ca;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.biotdm.devnet.msp.SigningIdentity;

/**
 * The crypto material of the orderer organisation {@code OrdererMSP}, as cryptogen lays it out under {@code
 * ordererOrganizations/example.com}: root CA and TLS CA, the organisation MSP, {@code orderer.example.com}'s signing
 * identity (OU orderer) and TLS certificate, and an {@code Admin}. Immutable.
 */
public final class OrdererCrypto extends MemberCrypto {

    OrdererCrypto(Organization organization) {
        super(organization);
    }

    /**
     * Returns the orderer's host name.
     *
     * @return {@code orderer.example.com}
     */
    public String ordererName() {
        return organization.spec.nodeName();
    }

    /**
     * Returns the orderer's signing identity (OU orderer), with which it signs blocks.
     *
     * @return the orderer identity
     */
    public SigningIdentity orderer() {
        return organization.node;
    }

    /**
     * Returns the orderer's local MSP directory.
     *
     * @return {@code <orgDir>/orderers/orderer.example.com/msp}
     */
    public Path ordererMspDir() {
        return organization.nodeDir().resolve("msp");
    }

    /**
     * Returns the orderer's TLS server certificate.
     *
     * @return the TLS certificate
     */
    public X509Certificate ordererTlsCertificate() {
        return organization.nodeTlsCertificate;
    }

    /**
     * Returns the orderer's TLS private key.
     *
     * @return the TLS key
     */
    public PrivateKey ordererTlsKey() {
        return organization.nodeTlsKey;
    }

    /**
     * Returns the file of the orderer's TLS server certificate.
     *
     * @return {@code <orgDir>/orderers/orderer.example.com/tls/server.crt}
     */
    public Path ordererTlsCertificateFile() {
        return organization.nodeDir().resolve("tls").resolve("server.crt");
    }

    /**
     * Returns the file of the orderer's PKCS#8 TLS private key.
     *
     * @return {@code <orgDir>/orderers/orderer.example.com/tls/server.key}
     */
    public Path ordererTlsKeyFile() {
        return organization.nodeDir().resolve("tls").resolve("server.key");
    }
}
