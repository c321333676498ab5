package org.biotdm.devnet.msp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.crypto.BouncyCastle;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.crypto.Hashes;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * The channel's MSP manager: deserialises {@code msp.SerializedIdentity} bytes and validates them against the root CA
 * certificates of the channel's organisations, with NodeOUs enabled, as Fabric's {@code msp/mspmgrimpl.go}, {@code
 * msp/mspimpl.go} and {@code msp/mspimplvalidate.go} do. Error texts are Fabric's (release-2.5).
 *
 * <p>One difference: Fabric's MSP deliberately ignores certificate expiry (it verifies the chain at {@code
 * NotBefore + 1s}, FAB-3678) and leaves expiry to the endorser's auth filter; this MSP rejects certificates outside
 * their validity period, with Go's x509 error text.
 *
 * <p>Validated identities are cached by their serialized bytes because the same few creators and endorsers repeat at
 * high rates; a cached identity is re-checked against the clock on every hit. Thread-safe.
 */
public final class ChannelMsp implements IdentityDeserializer {
    private static final int MAX_CACHED_IDENTITIES = 4096;
    private static final Set<String> NODE_OUS = Set.of("client", "peer", "admin", "orderer");
    private static final String CHAIN_ERROR = "could not obtain certification chain: ";
    private static final String INVALID = CHAIN_ERROR + "the supplied identity is not valid: ";

    private final Map<String, List<X509Certificate>> rootsByMspId;
    private final Clock clock;
    private final VerificationCache verificationCache;
    private final Map<ByteString, X509Identity> identities = new ConcurrentHashMap<>();

    /**
     * Creates a channel MSP that checks validity periods against the system clock.
     *
     * @param rootsByMspId each member organisation's MSP ID and its root CA certificates
     * @throws IllegalArgumentException when a root is not a CA certificate or an MSP has no root
     */
    public ChannelMsp(Map<String, ? extends Collection<X509Certificate>> rootsByMspId) {
        this(rootsByMspId, Clock.systemUTC());
    }

    /**
     * Creates a channel MSP with an explicit clock for validity-period checks.
     *
     * @param rootsByMspId each member organisation's MSP ID and its root CA certificates
     * @param clock the clock that tells the current time
     * @throws IllegalArgumentException when a root is not a CA certificate or an MSP has no root
     */
    public ChannelMsp(Map<String, ? extends Collection<X509Certificate>> rootsByMspId, Clock clock) {
        Map<String, List<X509Certificate>> roots = new LinkedHashMap<>();
        rootsByMspId.forEach((mspId, certificates) -> {
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("MSP " + mspId + " has no root CA certificate");
            }
            for (X509Certificate root : certificates) {
                if (root.getBasicConstraints() < 0) {
                    throw new IllegalArgumentException("root of " + mspId + " is not a CA certificate");
                }
            }
            roots.put(mspId, List.copyOf(certificates));
        });
        this.rootsByMspId = Map.copyOf(roots);
        this.clock = clock;
        this.verificationCache = VerificationCache.shared();
    }

    /**
     * Creates the channel MSP of the dev network: every peer organisation and the orderer organisation.
     *
     * @param material the dev network's crypto material
     * @return a new channel MSP checking validity periods against the system clock
     */
    public static ChannelMsp of(CryptoMaterial material) {
        return new ChannelMsp(material.rootCertificates());
    }

    /**
     * Returns the MSP IDs of the channel's member organisations.
     *
     * @return the MSP IDs
     */
    public Set<String> mspIds() {
        return rootsByMspId.keySet();
    }

    /**
     * Returns the root CA certificates of one MSP.
     *
     * @param mspId the MSP ID
     * @return the roots, empty when the MSP is not a channel member
     */
    public List<X509Certificate> rootCertificates(String mspId) {
        return rootsByMspId.getOrDefault(mspId, List.of());
    }

    @Override
    public MspIdentity deserialize(ByteString serializedIdentity) throws MspException {
        Instant now = clock.instant();
        X509Identity cached = identities.get(serializedIdentity);
        if (cached != null && cached.validAt(now)) {
            return cached;
        }
        X509Identity identity = validate(serializedIdentity, now);
        if (identities.size() >= MAX_CACHED_IDENTITIES) {
            identities.clear();
        }
        identities.put(serializedIdentity, identity);
        return identity;
    }

    private X509Identity validate(ByteString serializedIdentity, Instant now) throws MspException {
        SerializedIdentity parsed;
        try {
            parsed = SerializedIdentity.parseFrom(serializedIdentity);
        } catch (InvalidProtocolBufferException e) {
            throw new MspException("could not deserialize a SerializedIdentity: " + e.getMessage(), e);
        }
        String mspId = parsed.getMspid();
        List<X509Certificate> roots = rootsByMspId.get(mspId);
        if (roots == null) {
            throw new MspException("MSP " + mspId + " is not defined on channel");
        }
        X509Certificate certificate = parseCertificate(parsed.getIdBytes());
        if (certificate.getBasicConstraints() >= 0) {
            throw new MspException(CHAIN_ERROR + "An X509 certificate with Basic Constraint: "
                    + "Certificate Authority equals true cannot be used as an identity");
        }
        checkValidity(certificate, now);
        X509Certificate root = issuingRoot(certificate, roots);
        checkValidity(root, now);
        Set<String> ous = organizationalUnits(certificate);
        checkNodeOus(ous, root, mspId);
        Instant notBefore = latest(
                certificate.getNotBefore().toInstant(), root.getNotBefore().toInstant());
        Instant notAfter = earliest(
                certificate.getNotAfter().toInstant(), root.getNotAfter().toInstant());
        return new X509Identity(mspId, certificate, ous, serializedIdentity, notBefore, notAfter, verificationCache);
    }

    private static X509Certificate parseCertificate(ByteString idBytes) throws MspException {
        if (!idBytes.toStringUtf8().contains("-----BEGIN ")) {
            throw new MspException("could not decode the PEM structure");
        }
        try {
            return Certificates.parseCertificate(idBytes.toByteArray());
        } catch (CertificateException e) {
            throw new MspException("parseCertificate failed: " + e.getMessage(), e);
        }
    }

    /** Go's {@code x509.Certificate.isValid} check and text. */
    private static void checkValidity(X509Certificate certificate, Instant now) throws MspException {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw new MspException(INVALID + "x509: certificate has expired or is not yet valid: current time "
                    + rfc3339(now) + " is before " + rfc3339(notBefore));
        }
        if (now.isAfter(notAfter)) {
            throw new MspException(INVALID + "x509: certificate has expired or is not yet valid: current time "
                    + rfc3339(now) + " is after " + rfc3339(notAfter));
        }
    }

    /** Finds the root that signed the certificate, failing with Go's "unknown authority" text as Fabric does. */
    private static X509Certificate issuingRoot(X509Certificate certificate, List<X509Certificate> roots)
            throws MspException {
        X509Certificate candidate = null;
        for (X509Certificate root : roots) {
            if (!root.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(root.getPublicKey(), BouncyCastle.PROVIDER);
                return root;
            } catch (GeneralSecurityException e) {
                candidate = root;
            }
        }
        String message = INVALID + "x509: certificate signed by unknown authority";
        if (candidate != null) {
            message += " (possibly because of \"x509: ECDSA verification failure\" while trying to verify candidate"
                    + " authority certificate \"" + commonName(candidate) + "\")";
        }
        throw new MspException(message);
    }

    /** Fabric's {@code validateIdentityOUsV142}: exactly one of the client, peer, admin and orderer OUs. */
    private static void checkNodeOus(Set<String> ous, X509Certificate root, String mspId) throws MspException {
        long roles = ous.stream().filter(NODE_OUS::contains).count();
        if (roles == 1) {
            return;
        }
        String prefix = "could not validate identity's OUs: ";
        String suffix = " OUs: " + ouIds(ous, root) + ", MSP: [" + mspId + "]";
        if (roles == 0) {
            throw new MspException(prefix
                    + "the identity does not have an OU that resolves to client, peer, orderer, or admin role."
                    + suffix);
        }
        throw new MspException(prefix + "the identity must have a client, a peer, an orderer, or an admin OU role to"
                + " be valid, not a combination of them." + suffix);
    }

    /** Formats OUs like Fabric's {@code OUIDs.String}: {@code [client(0A1B...)]} with the certifiers' hash prefix. */
    private static String ouIds(Set<String> ous, X509Certificate root) {
        String certifiers;
        try {
            certifiers = HexFormat.of().withUpperCase().formatHex(Hashes.sha256(root.getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            certifiers = "";
        }
        List<String> parts = new ArrayList<>();
        for (String ou : ous) {
            parts.add(ou + "(" + certifiers + ")");
        }
        return "[" + String.join(" ", parts) + "]";
    }

    private static Set<String> organizationalUnits(X509Certificate certificate) {
        Set<String> ous = new LinkedHashSet<>();
        X500Name subject =
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                if (BCStyle.OU.equals(value.getType())) {
                    ous.add(IETFUtils.valueToString(value.getValue()));
                }
            }
        }
        return ous;
    }

    private static String commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
        return cns.length == 0 ? "" : IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    private static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
