package org.biotdm.devnet.ca;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.biotdm.devnet.msp.SigningIdentity;

/**
 * What every organisation's crypto material has, peer organisations ({@link OrgCrypto}) and the orderer organisation
 * ({@link OrdererCrypto}) alike: MSP ID, domain, directories in cryptogen's layout, root and TLS CAs, and an admin.
 * Immutable.
 */
public abstract class MemberCrypto {
    /** The generated or loaded material this view reads from. */
    final Organization organization;

    MemberCrypto(Organization organization) {
        this.organization = organization;
    }

    /**
     * Returns the MSP ID.
     *
     * @return for example {@code Org1MSP} or {@code OrdererMSP}
     */
    public String mspId() {
        return organization.spec.mspId();
    }

    /**
     * Returns the organisation's domain.
     *
     * @return for example {@code org1.example.com} or {@code example.com}
     */
    public String domain() {
        return organization.spec.domain();
    }

    /**
     * Returns the organisation's directory.
     *
     * @return {@code <organizationsDir>/peerOrganizations/<domain>} or {@code <organizationsDir>/ordererOrganizations/<domain>}
     */
    public Path orgDir() {
        return organization.dir;
    }

    /**
     * Returns the organisation MSP directory (cacerts, tlscacerts, config.yaml) that channel configuration uses.
     *
     * @return {@code <orgDir>/msp}
     */
    public Path mspDir() {
        return organization.dir.resolve("msp");
    }

    /**
     * Returns the root CA certificate that signs the organisation's identities.
     *
     * @return the CA certificate
     */
    public X509Certificate caCertificate() {
        return organization.ca.certificate();
    }

    /**
     * Returns the TLS root CA certificate that clients use to trust this organisation's peer.
     *
     * @return the TLS CA certificate
     */
    public X509Certificate tlsCaCertificate() {
        return organization.tlsCa.certificate();
    }

    /**
     * Returns the identity CA, to issue further identities of this organisation.
     *
     * @return the CA
     */
    public CertificateAuthority ca() {
        return organization.ca;
    }

    /**
     * Returns the file of the TLS root certificate that clients trust the organisation's node (peer or orderer) with.
     *
     * @return {@code <orgDir>/peers/<peerName>/tls/ca.crt} or {@code <orgDir>/orderers/<ordererName>/tls/ca.crt}
     */
    public Path tlsCaCertificateFile() {
        return organization.nodeDir().resolve("tls").resolve("ca.crt");
    }

    /**
     * Returns the organisation's admin (OU admin; in peer organisations also {@code biotdm.role=admin}).
     *
     * @return the admin identity
     */
    public SigningIdentity admin() {
        return organization.users.get("Admin");
    }

    /**
     * Returns a user's local MSP directory.
     *
     * @param userName a user name such as {@code Admin}, or a full name such as {@code
     *     Admin@org1.example.com}
     * @return {@code <orgDir>/users/<userName>@<domain>/msp}
     */
    public Path userMspDir(String userName) {
        return organization.userMspDir(userName);
    }

    @Override
    public String toString() {
        return mspId() + " (" + orgDir() + ")";
    }
}
