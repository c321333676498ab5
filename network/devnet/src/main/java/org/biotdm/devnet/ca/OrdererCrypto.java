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
public final class OrdererCrypto {
    private final Organization organization;

    OrdererCrypto(Organization organization) {
        this.organization = organization;
    }

    /**
     * Returns the MSP ID.
     *
     * @return {@code OrdererMSP}
     */
    public String mspId() {
        return organization.spec.mspId();
    }

    /**
     * Returns the orderer organisation's domain.
     *
     * @return {@code example.com}
     */
    public String domain() {
        return organization.spec.domain();
    }

    /**
     * Returns the organisation's directory.
     *
     * @return {@code <organizationsDir>/ordererOrganizations/example.com}
     */
    public Path orgDir() {
        return organization.dir;
    }

    /**
     * Returns the organisation MSP directory.
     *
     * @return {@code <orgDir>/msp}
     */
    public Path mspDir() {
        return organization.dir.resolve("msp");
    }

    /**
     * Returns the root CA certificate.
     *
     * @return the CA certificate
     */
    public X509Certificate caCertificate() {
        return organization.ca.certificate();
    }

    /**
     * Returns the TLS root CA certificate.
     *
     * @return the TLS CA certificate
     */
    public X509Certificate tlsCaCertificate() {
        return organization.tlsCa.certificate();
    }

    /**
     * Returns the identity CA.
     *
     * @return the CA
     */
    public CertificateAuthority ca() {
        return organization.ca;
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

    /**
     * Returns the file of the TLS root certificate that clients trust the orderer with.
     *
     * @return {@code <orgDir>/orderers/orderer.example.com/tls/ca.crt}
     */
    public Path tlsCaCertificateFile() {
        return organization.nodeDir().resolve("tls").resolve("ca.crt");
    }

    /**
     * Returns the orderer organisation's admin.
     *
     * @return the admin identity
     */
    public SigningIdentity admin() {
        return organization.users.get("Admin");
    }

    /**
     * Returns a user's local MSP directory.
     *
     * @param userName {@code Admin} or a full name such as {@code Admin@example.com}
     * @return {@code <orgDir>/users/<userName>@example.com/msp}
     */
    public Path userMspDir(String userName) {
        return organization.userMspDir(userName);
    }

    @Override
    public String toString() {
        return mspId() + " (" + orgDir() + ")";
    }
}
