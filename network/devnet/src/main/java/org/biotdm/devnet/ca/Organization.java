package org.biotdm.devnet.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.crypto.Ecdsa;
import org.biotdm.devnet.msp.SigningIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One organisation's crypto material in cryptogen's directory layout: generated once, written to a staging directory
 * that is renamed into place when complete, and read back on later starts. Material that is incomplete or does not
 * fit together (a key that does not match its certificate, a certificate another CA signed) is regenerated.
 */
final class Organization {
    private static final Logger LOG = LoggerFactory.getLogger(Organization.class);
    private static final String PRIVATE_KEY_FILE = "priv_sk";
    private static final byte[] PROBE = "biotdm-devnet key check".getBytes(StandardCharsets.UTF_8);

    final OrganizationSpec spec;
    final Path dir;
    final CertificateAuthority ca;
    final CertificateAuthority tlsCa;
    final SigningIdentity node;
    final X509Certificate nodeTlsCertificate;
    final PrivateKey nodeTlsKey;
    final Map<String, SigningIdentity> users;

    private Organization(
            OrganizationSpec spec,
            Path dir,
            CertificateAuthority ca,
            CertificateAuthority tlsCa,
            SigningIdentity node,
            X509Certificate nodeTlsCertificate,
            PrivateKey nodeTlsKey,
            Map<String, SigningIdentity> users) {
        this.spec = spec;
        this.dir = dir;
        this.ca = ca;
        this.tlsCa = tlsCa;
        this.node = node;
        this.nodeTlsCertificate = nodeTlsCertificate;
        this.nodeTlsKey = nodeTlsKey;
        this.users = Map.copyOf(users);
    }

    static Organization generateOrLoad(Path dir, OrganizationSpec spec) throws IOException {
        Path staging = dir.resolveSibling("." + dir.getFileName() + ".staging");
        AtomicFiles.deleteRecursively(staging);
        if (Files.isDirectory(dir)) {
            try {
                return load(dir, spec);
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                LOG.warn(
                        "Crypto material in {} is incomplete or inconsistent ({}); regenerating it", dir, e.toString());
                AtomicFiles.deleteRecursively(dir);
            }
        }
        Organization generated = generate(dir, spec);
        generated.writeTo(staging);
        AtomicFiles.moveAtomically(staging, dir);
        return generated;
    }

    Path nodeDir() {
        return dir.resolve(spec.nodesDirName()).resolve(spec.nodeName());
    }

    Path userMspDir(String user) {
        return dir.resolve("users").resolve(spec.userDirName(user)).resolve("msp");
    }

    private static Organization generate(Path dir, OrganizationSpec spec) {
        CertificateAuthority ca = CertificateAuthority.createRoot(spec.domain(), "ca." + spec.domain());
        CertificateAuthority tlsCa = CertificateAuthority.createRoot(spec.domain(), "tlsca." + spec.domain());
        KeyPair nodeKeys = Ecdsa.generateP256();
        SigningIdentity node = new SigningIdentity(
                spec.mspId(),
                ca.issue(spec.nodeName(), spec.nodeOu(), nodeKeys.getPublic(), Map.of()),
                nodeKeys.getPrivate());
        KeyPair tlsKeys = Ecdsa.generateP256();
        X509Certificate tlsCertificate = tlsCa.issueTls(spec.nodeName(), tlsKeys.getPublic());
        Map<String, SigningIdentity> users = new LinkedHashMap<>();
        for (OrganizationSpec.UserSpec user : spec.users()) {
            String enrollmentId = spec.userDirName(user.name());
            KeyPair keys = Ecdsa.generateP256();
            Map<String, String> attributes =
                    CertificateAuthority.fabricCaAttributes(enrollmentId, user.nodeOu(), user.extraAttributes());
            users.put(
                    user.name(),
                    new SigningIdentity(
                            spec.mspId(),
                            ca.issue(enrollmentId, user.nodeOu(), keys.getPublic(), attributes),
                            keys.getPrivate()));
        }
        return new Organization(spec, dir, ca, tlsCa, node, tlsCertificate, tlsKeys.getPrivate(), users);
    }

    private void writeTo(Path root) throws IOException {
        writeCa(root.resolve("ca"), spec.caCertFileName(), ca);
        writeCa(root.resolve("tlsca"), spec.tlsCaCertFileName(), tlsCa);
        writeMsp(root.resolve("msp"), null, null);
        Path nodeDir = root.resolve(spec.nodesDirName()).resolve(spec.nodeName());
        writeMsp(nodeDir.resolve("msp"), node, spec.nodeName());
        Path tls = nodeDir.resolve("tls");
        AtomicFiles.writeString(tls.resolve("ca.crt"), Certificates.toPem(tlsCa.certificate()));
        AtomicFiles.writeString(tls.resolve("server.crt"), Certificates.toPem(nodeTlsCertificate));
        AtomicFiles.writeString(tls.resolve("server.key"), Certificates.toPem(nodeTlsKey));
        for (Map.Entry<String, SigningIdentity> user : users.entrySet()) {
            String dirName = spec.userDirName(user.getKey());
            writeMsp(root.resolve("users").resolve(dirName).resolve("msp"), user.getValue(), dirName);
        }
    }

    private static void writeCa(Path dir, String certFileName, CertificateAuthority authority) throws IOException {
        AtomicFiles.writeString(dir.resolve(certFileName), Certificates.toPem(authority.certificate()));
        AtomicFiles.writeString(dir.resolve(PRIVATE_KEY_FILE), Certificates.toPem(authority.privateKey()));
    }

    private void writeMsp(Path msp, SigningIdentity identity, String certName) throws IOException {
        AtomicFiles.writeString(
                msp.resolve("cacerts").resolve(spec.caCertFileName()), Certificates.toPem(ca.certificate()));
        AtomicFiles.writeString(
                msp.resolve("tlscacerts").resolve(spec.tlsCaCertFileName()), Certificates.toPem(tlsCa.certificate()));
        AtomicFiles.writeString(msp.resolve("config.yaml"), nodeOuConfig());
        if (identity != null) {
            AtomicFiles.writeString(
                    msp.resolve("signcerts").resolve(certName + "-cert.pem"),
                    Certificates.toPem(identity.certificate()));
            AtomicFiles.writeString(
                    msp.resolve("keystore").resolve(PRIVATE_KEY_FILE), Certificates.toPem(identity.privateKey()));
        }
    }

    /** The {@code config.yaml} cryptogen writes with NodeOUs enabled. */
    private String nodeOuConfig() {
        String certificate = "    Certificate: cacerts/" + spec.caCertFileName() + "\n";
        StringBuilder yaml = new StringBuilder("NodeOUs:\n  Enable: true\n");
        for (String[] ou :
                new String[][] {{"Client", "client"}, {"Peer", "peer"}, {"Admin", "admin"}, {"Orderer", "orderer"}}) {
            yaml.append("  ")
                    .append(ou[0])
                    .append("OUIdentifier:\n")
                    .append(certificate)
                    .append("    OrganizationalUnitIdentifier: ")
                    .append(ou[1])
                    .append('\n');
        }
        return yaml.toString();
    }

    private static Organization load(Path dir, OrganizationSpec spec) throws IOException, GeneralSecurityException {
        CertificateAuthority ca = readCa(dir.resolve("ca"), spec.caCertFileName());
        CertificateAuthority tlsCa = readCa(dir.resolve("tlsca"), spec.tlsCaCertFileName());
        requireMspFiles(dir.resolve("msp"), spec);
        Path nodeDir = dir.resolve(spec.nodesDirName()).resolve(spec.nodeName());
        SigningIdentity node = readIdentity(nodeDir.resolve("msp"), spec, spec.nodeName(), ca);
        Path tls = nodeDir.resolve("tls");
        requireFile(tls.resolve("ca.crt"));
        X509Certificate tlsCertificate = Certificates.readCertificate(tls.resolve("server.crt"));
        PrivateKey tlsKey = Certificates.readPrivateKey(tls.resolve("server.key"));
        checkPair(tlsCertificate, tlsKey, tlsCa);
        Map<String, SigningIdentity> users = new LinkedHashMap<>();
        for (OrganizationSpec.UserSpec user : spec.users()) {
            String dirName = spec.userDirName(user.name());
            users.put(
                    user.name(),
                    readIdentity(dir.resolve("users").resolve(dirName).resolve("msp"), spec, dirName, ca));
        }
        return new Organization(spec, dir, ca, tlsCa, node, tlsCertificate, tlsKey, users);
    }

    private static CertificateAuthority readCa(Path dir, String certFileName)
            throws IOException, GeneralSecurityException {
        return CertificateAuthority.of(
                Certificates.readCertificate(dir.resolve(certFileName)),
                Certificates.readPrivateKey(dir.resolve(PRIVATE_KEY_FILE)));
    }

    private static SigningIdentity readIdentity(
            Path msp, OrganizationSpec spec, String certName, CertificateAuthority ca)
            throws IOException, GeneralSecurityException {
        requireMspFiles(msp, spec);
        X509Certificate certificate =
                Certificates.readCertificate(msp.resolve("signcerts").resolve(certName + "-cert.pem"));
        PrivateKey key = Certificates.readPrivateKey(msp.resolve("keystore").resolve(PRIVATE_KEY_FILE));
        checkPair(certificate, key, ca);
        return new SigningIdentity(spec.mspId(), certificate, key);
    }

    private static void requireMspFiles(Path msp, OrganizationSpec spec) throws IOException {
        requireFile(msp.resolve("cacerts").resolve(spec.caCertFileName()));
        requireFile(msp.resolve("tlscacerts").resolve(spec.tlsCaCertFileName()));
        requireFile(msp.resolve("config.yaml"));
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new NoSuchFileException(file.toString());
        }
    }

    /** Checks that the CA signed the certificate and that the key is the certificate's. */
    private static void checkPair(X509Certificate certificate, PrivateKey key, CertificateAuthority ca)
            throws GeneralSecurityException {
        certificate.verify(ca.certificate().getPublicKey());
        if (!Ecdsa.verify(certificate.getPublicKey(), PROBE, Ecdsa.sign(key, PROBE))) {
            throw new GeneralSecurityException("private key does not match " + certificate.getSubjectX500Principal());
        }
    }
}
