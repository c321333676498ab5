package org.biotdm.devnet.ca;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.biotdm.devnet.msp.SigningIdentity;

/**
 * The crypto material of one peer organisation, as cryptogen lays it out under {@code
 * peerOrganizations/orgN.example.com}: root CA and TLS CA, the organisation MSP, {@code peer0}'s signing identity and
 * TLS server certificate, and the users {@code Admin} (OU admin, {@code biotdm.role=admin}), {@code User1} (a plain
 * client) and {@code gateway} (a client with {@code biotdm.role=gateway}). Immutable.
 */
public final class OrgCrypto extends MemberCrypto {

    OrgCrypto(Organization organization) {
        super(organization);
    }

    /**
     * Returns the TLS CA, to issue further TLS certificates of this organisation.
     *
     * @return the TLS CA
     */
    public CertificateAuthority tlsCa() {
        return organization.tlsCa;
    }

    /**
     * Returns the peer's host name.
     *
     * @return for example {@code peer0.org1.example.com}
     */
    public String peerName() {
        return organization.spec.nodeName();
    }

    /**
     * Returns the peer's signing identity (OU peer), with which it endorses.
     *
     * @return the peer identity
     */
    public SigningIdentity peer() {
        return organization.node;
    }

    /**
     * Returns the peer's local MSP directory.
     *
     * @return {@code <orgDir>/peers/<peerName>/msp}
     */
    public Path peerMspDir() {
        return organization.nodeDir().resolve("msp");
    }

    /**
     * Returns the peer's TLS server certificate (SANs: peer host name, localhost, 127.0.0.1, ::1).
     *
     * @return the TLS certificate
     */
    public X509Certificate peerTlsCertificate() {
        return organization.nodeTlsCertificate;
    }

    /**
     * Returns the peer's TLS private key.
     *
     * @return the TLS key
     */
    public PrivateKey peerTlsKey() {
        return organization.nodeTlsKey;
    }

    /**
     * Returns the file of the peer's TLS server certificate, for {@code NettyServerBuilder.sslContext}.
     *
     * @return {@code <orgDir>/peers/<peerName>/tls/server.crt}
     */
    public Path peerTlsCertificateFile() {
        return organization.nodeDir().resolve("tls").resolve("server.crt");
    }

    /**
     * Returns the file of the peer's PKCS#8 TLS private key.
     *
     * @return {@code <orgDir>/peers/<peerName>/tls/server.key}
     */
    public Path peerTlsKeyFile() {
        return organization.nodeDir().resolve("tls").resolve("server.key");
    }

    /**
     * Returns the gateway's client identity (OU client, attribute {@code biotdm.role=gateway}).
     *
     * @return the gateway identity
     */
    public SigningIdentity gatewayClient() {
        return organization.users.get("gateway");
    }

    /**
     * Returns a plain client identity (OU client, only Fabric CA's {@code hf.*} attributes).
     *
     * @return the User1 identity
     */
    public SigningIdentity user1() {
        return organization.users.get("User1");
    }
}
