package org.biotdm.devnet.fabricca;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.biotdm.devnet.ca.CertificateAuthority;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.protocol.fabricca.FabricCaToken;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The registry of one Fabric CA on the dev network: its identities (a bootstrap registrar and those it registers),
 * the certificates it issued and which are revoked, and the checks Fabric CA 1.5 makes on register, enroll,
 * reenroll and revoke ({@code lib/serverregister.go}, {@code serverenroll.go}, {@code serverrevoke.go}, {@code
 * serverrequestcontext.go}). Held in memory: a restarted dev network knows only its registrars again. At most {@value
 * #MAX_IDENTITIES} identities and {@value #MAX_CERTIFICATES} certificates. Thread-safe (one lock).
 */
final class CaRegistry {
    /** The most identities one CA registers. */
    public static final int MAX_IDENTITIES = 10_000;

    /** The most certificates one CA records. */
    public static final int MAX_CERTIFICATES = 100_000;

    /** The name of each CA's bootstrap registrar, as {@code network/fabric} starts its CAs ({@code -b ca-admin:…}). */
    public static final String REGISTRAR = "ca-admin";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String caName;
    private final CertificateAuthority ca;
    private final Set<String> affiliations;
    private final Map<String, CaIdentity> identities = new LinkedHashMap<>();
    private final Map<String, IssuedCertificate> certificates = new LinkedHashMap<>();

    /** A certificate this CA issued: its owner, AKI (hex, no leading zeros) and whether it is revoked. */
    private static final class IssuedCertificate {
        final String owner;
        final String aki;
        boolean revoked;

        IssuedCertificate(String owner, String aki) {
            this.owner = owner;
            this.aki = aki;
        }
    }

    /**
     * A revoked certificate as {@code revoke} answers it.
     *
     * @param serial the serial number, hex
     * @param aki the authority key identifier, hex
     */
    public record RevokedCertificate(String serial, String aki) {}

    /**
     * Creates the registry with its bootstrap registrar {@value #REGISTRAR}, who may register clients with any
     * attribute outside {@code hf.} and revoke.
     *
     * @param caName the CA's name, for example {@code ca-org1}
     * @param ca the organisation's CA
     * @param registrarSecret the registrar's enrolment secret
     * @param affiliations the affiliations identities may have, for example {@code org1} and {@code
     *     org1.department1}; the root ({@code ""}) is always allowed
     */
    public CaRegistry(String caName, CertificateAuthority ca, String registrarSecret, Set<String> affiliations) {
        this.caName = caName;
        this.ca = ca;
        this.affiliations = Set.copyOf(affiliations);
        Map<String, CaIdentity.Attribute> rights = new LinkedHashMap<>();
        rights.put("hf.Registrar.Roles", new CaIdentity.Attribute("client", false));
        rights.put("hf.Registrar.Attributes", new CaIdentity.Attribute("*", false));
        rights.put("hf.Revoker", new CaIdentity.Attribute("true", false));
        identities.put(REGISTRAR, new CaIdentity(REGISTRAR, "client", "", registrarSecret, -1, rights));
    }

    /**
     * Returns the CA's name.
     *
     * @return for example {@code ca-org1}
     */
    public String caName() {
        return caName;
    }

    /**
     * Returns the CA's certificate chain, PEM: the organisation's self-signed root.
     *
     * @return the PEM text
     */
    public String caChainPem() {
        return Certificates.toPem(ca.certificate());
    }

    synchronized String register(CaIdentity registrar, CaRequests.Registration request) throws FabricCaException {
        String type = request.type().isEmpty() ? registrar.type() : request.type();
        String affiliation =
                switch (request.affiliation()) {
                    case "" -> registrar.affiliation();
                    case "." -> "";
                    default -> request.affiliation();
                };
        if (!mayRegister(registrar, type, request.attributes().keySet())) {
            throw FabricCaException.authorization();
        }
        if (!affiliation.isEmpty() && !affiliations.contains(affiliation)) {
            throw new FabricCaException(
                    404, FabricCaException.UNKNOWN_AFFILIATION, "Failed getting affiliation '" + affiliation + "'");
        }
        if (identities.containsKey(request.id())) {
            throw new FabricCaException(
                    409, FabricCaException.DUPLICATE_IDENTITY, "Identity '" + request.id() + "' is already registered");
        }
        if (identities.size() >= MAX_IDENTITIES) {
            throw new FabricCaException(
                    500, FabricCaException.UNKNOWN, "This CA holds at most " + MAX_IDENTITIES + " identities");
        }
        String secret = request.secret().isEmpty() ? randomSecret() : request.secret();
        identities.put(
                request.id(),
                new CaIdentity(
                        request.id(), type, affiliation, secret, request.maxEnrollments(), request.attributes()));
        return secret;
    }

    /**
     * Fabric CA's {@code PUT /identities/{id}} as a registrar uses it to let a registered identity enrol again: a new
     * secret, enrolment limit and attributes (those named are set, others kept); type, affiliation and a
     * revocation stay.
     */
    synchronized void modify(CaIdentity registrar, String id, CaRequests.Registration request)
            throws FabricCaException {
        CaIdentity identity = identities.get(id);
        if (identity == null) {
            throw new FabricCaException(404, FabricCaException.GETTING_USER, "Failed to get user");
        }
        if (!mayRegister(registrar, identity.type(), request.attributes().keySet())) {
            throw FabricCaException.authorization();
        }
        Map<String, CaIdentity.Attribute> attributes = new LinkedHashMap<>(identity.attributes());
        attributes.putAll(request.attributes());
        attributes.keySet().removeIf(name -> name.startsWith("hf."));
        String secret = request.secret().isEmpty() ? randomSecret() : request.secret();
        CaIdentity modified = new CaIdentity(
                id, identity.type(), identity.affiliation(), secret, request.maxEnrollments(), attributes);
        if (identity.revoked()) {
            modified.revoke();
        }
        identities.put(id, modified);
    }

    synchronized CaIdentity login(String id, String secret) throws FabricCaException {
        CaIdentity identity = identities.get(id);
        if (identity == null || !identity.login(secret)) {
            throw FabricCaException.authentication();
        }
        return identity;
    }

    synchronized X509Certificate enroll(CaIdentity identity, CaRequests.Enrollment request) throws FabricCaException {
        PKCS10CertificationRequest csr;
        try {
            csr = Certificates.parseCsr(request.csrPem());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new FabricCaException(400, FabricCaException.BAD_CSR, "CSR Decode failed");
        }
        var cn = csr.getSubject().getRDNs(BCStyle.CN);
        if (cn.length != 1
                || !identity.name()
                        .equals(IETFUtils.valueToString(cn[0].getFirst().getValue()))) {
            throw new FabricCaException(
                    403,
                    FabricCaException.CN_NOT_ENROLLMENT_ID,
                    "The CSR subject common name must equal the enrollment ID");
        }
        if (certificates.size() >= MAX_CERTIFICATES) {
            throw new FabricCaException(
                    500, FabricCaException.UNKNOWN, "This CA records at most " + MAX_CERTIFICATES + " certificates");
        }
        Map<String, String> attributes = certificateAttributes(identity, request.attributeRequests());
        try {
            X509Certificate certificate =
                    ca.issue(identity.name(), identity.type(), CertificateAuthority.verifiedCsrKey(csr), attributes);
            certificates.put(serial(certificate), new IssuedCertificate(identity.name(), aki(certificate)));
            identity.enrolled();
            return certificate;
        } catch (GeneralSecurityException e) {
            throw new FabricCaException(400, FabricCaException.BAD_CSR, e.getMessage());
        }
    }

    /**
     * Token authentication as Fabric CA's {@code verifyX509Token}: the signature over this request, a certificate
     * this CA issued that has not expired and is not revoked, and a registered identity that is not revoked.
     */
    synchronized CaIdentity authenticate(String header, String method, String uri, byte[] body)
            throws FabricCaException {
        try {
            FabricCaToken token = FabricCaToken.parse(header);
            X509Certificate certificate = Certificates.parseCertificate(token.certificatePem());
            certificate.verify(ca.certificate().getPublicKey());
            certificate.checkValidity();
            var key = (ECPublicKeyParameters)
                    PublicKeyFactory.createKey(certificate.getPublicKey().getEncoded());
            IssuedCertificate issued = certificates.get(serial(certificate));
            CaIdentity identity = identities.get(commonName(certificate));
            if (token.verifies(key, method, uri, body)
                    && identity != null
                    && !identity.revoked()
                    && (issued == null || !issued.revoked)) {
                return identity;
            }
        } catch (GeneralSecurityException | IOException | IllegalArgumentException | ClassCastException e) {
            // every reason is the same generic refusal, as Fabric CA sends it
        }
        throw FabricCaException.authentication();
    }

    synchronized List<RevokedCertificate> revoke(CaIdentity caller, CaRequests.Revocation request)
            throws FabricCaException {
        if (!request.serial().isEmpty() && !request.aki().isEmpty()) {
            return List.of(revokeOne(caller, request));
        }
        if (request.id().isEmpty()) {
            throw new FabricCaException(
                    400,
                    FabricCaException.MISSING_REVOKE_ARGS,
                    "Either Name or Serial and AKI are required for a revoke request");
        }
        checkRevoker(caller, request.id());
        CaIdentity identity = identities.get(request.id());
        if (identity == null) {
            throw new FabricCaException(
                    404, FabricCaException.REVOKE_ID_NOT_FOUND, "Identity " + request.id() + " was not found");
        }
        identity.revoke();
        List<RevokedCertificate> revoked = new ArrayList<>();
        certificates.forEach((serial, issued) -> {
            if (issued.owner.equals(request.id()) && !issued.revoked) {
                issued.revoked = true;
                revoked.add(new RevokedCertificate(serial, issued.aki));
            }
        });
        return revoked;
    }

    /**
     * Returns the CA's CRL of every certificate revoked through it.
     *
     * @return the PEM CRL
     */
    public synchronized String crlPem() {
        List<BigInteger> serials = new ArrayList<>();
        certificates.forEach((serial, issued) -> {
            if (issued.revoked) {
                serials.add(new BigInteger(serial, 16));
            }
        });
        return ca.crlPem(serials);
    }

    private RevokedCertificate revokeOne(CaIdentity caller, CaRequests.Revocation request) throws FabricCaException {
        String which = "Certificate with serial " + request.serial() + " and AKI " + request.aki();
        IssuedCertificate issued = certificates.get(request.serial());
        if (issued == null || !issued.aki.equals(request.aki())) {
            throw new FabricCaException(404, FabricCaException.CERTIFICATE_NOT_FOUND, which + " was not found");
        }
        checkRevoker(caller, issued.owner);
        if (issued.revoked) {
            throw new FabricCaException(
                    404, FabricCaException.CERTIFICATE_ALREADY_REVOKED, which + " was already revoked");
        }
        if (!request.id().isEmpty() && !request.id().equals(issued.owner)) {
            throw new FabricCaException(
                    400, FabricCaException.CERTIFICATE_WRONG_OWNER, which + " is not owned by " + request.id());
        }
        issued.revoked = true;
        return new RevokedCertificate(request.serial(), request.aki());
    }

    /** Fabric CA's {@code checkAuth}: revoking another identity's certificates needs {@code hf.Revoker}. */
    private static void checkRevoker(CaIdentity caller, String owner) throws FabricCaException {
        if (!caller.name().equals(owner) && !caller.attributeIsTrue("hf.Revoker")) {
            throw FabricCaException.authorization();
        }
    }

    private static boolean mayRegister(CaIdentity registrar, String type, Set<String> attributes) {
        CaIdentity.Attribute roles = registrar.attributes().get("hf.Registrar.Roles");
        boolean typeAllowed = roles != null
                && Arrays.stream(roles.value().split(",")).map(String::trim).anyMatch(type::equals);
        CaIdentity.Attribute allowed = registrar.attributes().get("hf.Registrar.Attributes");
        boolean attributesAllowed = attributes.isEmpty()
                || (allowed != null
                        && "*".equals(allowed.value())
                        && attributes.stream().noneMatch(name -> name.startsWith("hf.")));
        return typeAllowed && attributesAllowed;
    }

    /**
     * Fabric CA's {@code GetAttrExtension}: without {@code attr_reqs} the {@code ecert} attributes, otherwise those
     * requested; a required one the identity lacks refuses the enrolment. Go's JSON writes the keys sorted.
     */
    private static Map<String, String> certificateAttributes(
            CaIdentity identity, List<CaRequests.AttributeRequest> requests) throws FabricCaException {
        Map<String, String> attributes = new TreeMap<>();
        if (requests == null) {
            identity.attributes().forEach((name, attribute) -> {
                if (attribute.ecert()) {
                    attributes.put(name, attribute.value());
                }
            });
            return attributes;
        }
        List<String> missing = new ArrayList<>();
        for (CaRequests.AttributeRequest request : requests) {
            CaIdentity.Attribute attribute = identity.attributes().get(request.name());
            if (attribute != null) {
                attributes.put(request.name(), attribute.value());
            } else if (!request.optional()) {
                missing.add(request.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new FabricCaException(
                    500,
                    FabricCaException.UNKNOWN,
                    "Failed to find requested attributes: The following required attributes are missing: ["
                            + String.join(" ", missing) + "]");
        }
        return attributes;
    }

    private static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    private static String aki(X509Certificate certificate) throws GeneralSecurityException {
        try {
            byte[] id = AuthorityKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(certificate).getExtensions())
                    .getKeyIdentifier();
            return HexFormat.of().formatHex(id).replaceFirst("^0+", "");
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("the certificate has no authority key identifier", e);
        }
    }

    private static String commonName(X509Certificate certificate) throws GeneralSecurityException {
        var cn = new JcaX509CertificateHolder(certificate).getSubject().getRDNs(BCStyle.CN);
        if (cn.length != 1) {
            throw new GeneralSecurityException("no single common name");
        }
        return IETFUtils.valueToString(cn[0].getFirst().getValue());
    }

    private static String randomSecret() {
        StringBuilder secret = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            secret.append(SECRET_ALPHABET.charAt(RANDOM.nextInt(SECRET_ALPHABET.length())));
        }
        return secret.toString();
    }
}
