package org.biotdm.devnet.ca;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * All crypto material of the dev network, in Fabric cryptogen's directory layout under an {@code organizations}
 * directory: {@code peerOrganizations/org1.example.com ... orgN.example.com} (MSP IDs {@code Org1MSP ... OrgNMSP}) and
 * {@code ordererOrganizations/example.com} ({@code OrdererMSP}). Generated on the first start and read back on later
 * starts, so keys and certificates survive restarts. Immutable.
 */
public final class CryptoMaterial {
    /** The number of peer organisations when none is configured. */
    public static final int DEFAULT_ORG_COUNT = 3;

    private final Path organizationsDir;
    private final List<OrgCrypto> orgs;
    private final OrdererCrypto orderer;

    private CryptoMaterial(Path organizationsDir, List<OrgCrypto> orgs, OrdererCrypto orderer) {
        this.organizationsDir = organizationsDir;
        this.orgs = List.copyOf(orgs);
        this.orderer = orderer;
    }

    /**
     * Loads the material of {@value #DEFAULT_ORG_COUNT} peer organisations and the orderer organisation, generating
     * whatever is missing.
     *
     * @param organizationsDir the {@code organizations} directory; created when absent
     * @return the material
     * @throws IOException when the directory cannot be read or written
     */
    public static CryptoMaterial generateOrLoad(Path organizationsDir) throws IOException {
        return generateOrLoad(organizationsDir, DEFAULT_ORG_COUNT);
    }

    /**
     * Loads the material of {@code orgCount} peer organisations and the orderer organisation, generating each
     * organisation that is missing or incomplete. Generation writes an organisation into a staging directory and
     * renames it into place, so a crash never leaves a half-written MSP behind.
     *
     * @param organizationsDir the {@code organizations} directory; created when absent
     * @param orgCount the number of peer organisations, at least 1
     * @return the material
     * @throws IOException when the directory cannot be read or written
     * @throws IllegalArgumentException when {@code orgCount} is below 1
     */
    public static CryptoMaterial generateOrLoad(Path organizationsDir, int orgCount) throws IOException {
        if (orgCount < 1) {
            throw new IllegalArgumentException("orgCount must be at least 1: " + orgCount);
        }
        Path peerOrgsDir = organizationsDir.resolve("peerOrganizations");
        Path ordererOrgsDir = organizationsDir.resolve("ordererOrganizations");
        OwnerOnlyFiles.createDirectories(peerOrgsDir);
        OwnerOnlyFiles.createDirectories(ordererOrgsDir);
        List<OrgCrypto> orgs = new ArrayList<>();
        for (int index = 1; index <= orgCount; index++) {
            OrganizationSpec spec = OrganizationSpec.peerOrg(index);
            orgs.add(new OrgCrypto(Organization.generateOrLoad(peerOrgsDir.resolve(spec.domain()), spec)));
        }
        OrganizationSpec ordererSpec = OrganizationSpec.ordererOrg();
        OrdererCrypto orderer = new OrdererCrypto(
                Organization.generateOrLoad(ordererOrgsDir.resolve(ordererSpec.domain()), ordererSpec));
        return new CryptoMaterial(organizationsDir, orgs, orderer);
    }

    /**
     * Returns the {@code organizations} directory.
     *
     * @return the directory the material lives in
     */
    public Path organizationsDir() {
        return organizationsDir;
    }

    /**
     * Returns the peer organisations in order Org1MSP, Org2MSP, ...
     *
     * @return the peer organisations
     */
    public List<OrgCrypto> orgs() {
        return orgs;
    }

    /**
     * Returns one peer organisation by MSP ID.
     *
     * @param mspId for example {@code Org2MSP}
     * @return the organisation
     * @throws NoSuchElementException when no peer organisation has that MSP ID
     */
    public OrgCrypto org(String mspId) {
        return orgs.stream()
                .filter(org -> org.mspId().equals(mspId))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("MSP " + mspId + " is unknown"));
    }

    /**
     * Returns the orderer organisation.
     *
     * @return the orderer organisation
     */
    public OrdererCrypto orderer() {
        return orderer;
    }

    /**
     * Returns every channel member's root CA certificate, peer organisations first, then {@code OrdererMSP}.
     *
     * @return MSP ID to root certificates, in a stable order
     */
    public Map<String, List<X509Certificate>> rootCertificates() {
        Map<String, List<X509Certificate>> roots = new LinkedHashMap<>();
        for (OrgCrypto org : orgs) {
            roots.put(org.mspId(), List.of(org.caCertificate()));
        }
        roots.put(orderer.mspId(), List.of(orderer.caCertificate()));
        return roots;
    }
}
