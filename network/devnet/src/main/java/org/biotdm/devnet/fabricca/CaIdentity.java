package org.biotdm.devnet.fabricca;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A registered identity of one CA, as Fabric CA's registry keeps it: name, type, affiliation, attributes (with their
 * {@code ecert} flag), the SHA-256 of its enrolment secret, the enrolment count and limit, and whether it is revoked.
 * Mutable; {@link CaRegistry} guards it with its own lock.
 */
final class CaIdentity {
    private final String name;
    private final String type;
    private final String affiliation;
    private final byte[] secretHash;
    private final int maxEnrollments;
    private final Map<String, Attribute> attributes;
    private int enrollments;
    private boolean revoked;

    /**
     * An attribute of an identity.
     *
     * @param value its value
     * @param ecert whether an enrolment without {@code attr_reqs} puts it into the certificate
     */
    record Attribute(String value, boolean ecert) {}

    CaIdentity(
            String name,
            String type,
            String affiliation,
            String secret,
            int maxEnrollments,
            Map<String, Attribute> attributes) {
        this.name = name;
        this.type = type;
        this.affiliation = affiliation;
        this.secretHash = hash(secret);
        this.maxEnrollments = maxEnrollments;
        this.attributes = new LinkedHashMap<>();
        this.attributes.put("hf.EnrollmentID", new Attribute(name, true));
        this.attributes.put("hf.Type", new Attribute(type, true));
        this.attributes.put("hf.Affiliation", new Attribute(affiliation, true));
        this.attributes.putAll(attributes);
    }

    String name() {
        return name;
    }

    String type() {
        return type;
    }

    String affiliation() {
        return affiliation;
    }

    Map<String, Attribute> attributes() {
        return attributes;
    }

    boolean revoked() {
        return revoked;
    }

    void revoke() {
        revoked = true;
    }

    boolean attributeIsTrue(String attribute) {
        Attribute value = attributes.get(attribute);
        return value != null && "true".equalsIgnoreCase(value.value());
    }

    /**
     * Checks a Basic login as Fabric CA's {@code Login} does: the secret, that the identity is not revoked, and that
     * it has enrolments left ({@code maxEnrollments} -1 or 0 means no limit here; Fabric CA's 0 is the CA default).
     */
    boolean login(String secret) {
        boolean secretMatches = MessageDigest.isEqual(secretHash, hash(secret));
        return secretMatches && !revoked && (maxEnrollments <= 0 || enrollments < maxEnrollments);
    }

    void enrolled() {
        enrollments++;
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
