package org.biotdm.devnet.ca;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.biotdm.devnet.crypto.Certificates;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Enrols identities with the dev network's own organisation CAs, the way Fabric CA's enroll does after a register:
 * the certificate's subject is {@code O=<org domain>, OU=<type>, CN=<enrollmentId>} and its attribute extension holds
 * {@code hf.EnrollmentID}, {@code hf.Type}, {@code hf.Affiliation} and the requested attributes. The CSR subject is
 * ignored; only its verified public key is certified. Enrolling the same ID again issues a new certificate. Only
 * client identities are issued (OU {@code client}, {@code hf.Type=client}); the {@code biotdm.role} attribute then
 * says what the client may do in BIoT-DM. Reserved {@code hf.} attributes cannot be requested. Thread-safe.
 */
public final class DevCaEnrollmentService implements EnrollmentService {
    /**
     * The only NodeOU type an enrolment may ask for. Peer, orderer and admin identities could endorse, order or
     * administer for the organisation (Fabric's NodeOUs classify an identity by its OU alone), so the devnet
     * provisions them itself and a registrar never issues them.
     */
    public static final String CLIENT_TYPE = "client";

    /** The other NodeOU types Fabric knows, refused with {@code ENROLLMENT_TYPE_FORBIDDEN}. */
    public static final Set<String> NODE_TYPES = Set.of("peer", "orderer", "admin");

    /** The most attributes one identity may carry. */
    public static final int MAX_ATTRIBUTES = 32;

    /** The longest attribute value, in characters. */
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 1024;

    private static final Pattern ENROLLMENT_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final int MAX_CSR_LENGTH = 16 * 1024;

    private final Map<String, CertificateAuthority> authorities;

    /**
     * Creates the service over the peer organisations' CAs.
     *
     * @param material the dev network's crypto material
     */
    public DevCaEnrollmentService(CryptoMaterial material) {
        this(caByMspId(material));
    }

    /**
     * Creates the service over explicit CAs.
     *
     * @param authorities MSP ID to the CA that issues that MSP's identities
     */
    public DevCaEnrollmentService(Map<String, CertificateAuthority> authorities) {
        this.authorities = Map.copyOf(authorities);
    }

    /**
     * Returns the MSP IDs this service enrols into.
     *
     * @return the MSP IDs
     */
    public Set<String> mspIds() {
        return authorities.keySet();
    }

    @Override
    public Enrollment enroll(EnrollmentRequest request) throws EnrollmentException {
        CertificateAuthority ca = request.mspId() == null ? null : authorities.get(request.mspId());
        if (ca == null) {
            throw new EnrollmentException(
                    EnrollmentErrorCode.ENROLLMENT_UNKNOWN_MSP, "MSP " + request.mspId() + " is unknown");
        }
        String id = request.enrollmentId();
        if (id == null || !ENROLLMENT_ID.matcher(id).matches()) {
            throw new EnrollmentException(
                    EnrollmentErrorCode.ENROLLMENT_INVALID_ID,
                    "enrollmentId must be 1 to 64 characters of [A-Za-z0-9._@-]");
        }
        checkType(request.type());
        checkAttributes(request.attributes());
        PKCS10CertificationRequest csr = parseCsr(request.csrPem());
        Map<String, String> attributes =
                CertificateAuthority.fabricCaAttributes(id, request.type(), request.attributes());
        try {
            return new Enrollment(
                    Certificates.toPem(ca.issueFromCsr(csr, id, request.type(), attributes)),
                    Certificates.toPem(ca.certificate()),
                    request.mspId());
        } catch (GeneralSecurityException e) {
            throw new EnrollmentException(EnrollmentErrorCode.ENROLLMENT_INVALID_CSR, e.getMessage());
        }
    }

    private static void checkType(String type) throws EnrollmentException {
        if (NODE_TYPES.contains(type)) {
            throw new EnrollmentException(
                    EnrollmentErrorCode.ENROLLMENT_TYPE_FORBIDDEN,
                    "a registrar enrols client identities only, not " + type);
        }
        if (!CLIENT_TYPE.equals(type)) {
            throw new EnrollmentException(EnrollmentErrorCode.ENROLLMENT_INVALID_TYPE, "type must be client");
        }
    }

    private static void checkAttributes(Map<String, String> attributes) throws EnrollmentException {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw invalidAttribute("at most " + MAX_ATTRIBUTES + " attributes are allowed");
        }
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            if (name == null || !ATTRIBUTE_NAME.matcher(name).matches()) {
                throw invalidAttribute("attribute names must be 1 to 64 characters of [A-Za-z0-9._-]");
            }
            if (name.startsWith("hf.")) {
                throw invalidAttribute("attribute " + name + " is reserved for the CA");
            }
            String value = attribute.getValue();
            if (value == null
                    || value.length() > MAX_ATTRIBUTE_VALUE_LENGTH
                    || value.chars().anyMatch(Character::isISOControl)) {
                throw invalidAttribute("attribute " + name + " must have a value of at most "
                        + MAX_ATTRIBUTE_VALUE_LENGTH + " characters without control characters");
            }
        }
    }

    private static PKCS10CertificationRequest parseCsr(String csrPem) throws EnrollmentException {
        if (csrPem == null || csrPem.isBlank() || csrPem.length() > MAX_CSR_LENGTH) {
            throw new EnrollmentException(EnrollmentErrorCode.ENROLLMENT_INVALID_CSR, "csr must be a PEM CSR");
        }
        try {
            return Certificates.parseCsr(csrPem);
        } catch (GeneralSecurityException e) {
            throw new EnrollmentException(EnrollmentErrorCode.ENROLLMENT_INVALID_CSR, "csr must be a PEM CSR");
        }
    }

    private static EnrollmentException invalidAttribute(String message) {
        return new EnrollmentException(EnrollmentErrorCode.ENROLLMENT_INVALID_ATTRIBUTE, message);
    }

    private static Map<String, CertificateAuthority> caByMspId(CryptoMaterial material) {
        Map<String, CertificateAuthority> authorities = new LinkedHashMap<>();
        for (OrgCrypto org : material.orgs()) {
            authorities.put(org.mspId(), org.ca());
        }
        return authorities;
    }
}
