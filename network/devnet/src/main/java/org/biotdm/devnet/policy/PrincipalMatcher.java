package org.biotdm.devnet.policy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.biotdm.devnet.msp.MspIdentity;
import org.hyperledger.fabric.protos.common.CombinedPrincipal;
import org.hyperledger.fabric.protos.common.MSPIdentityAnonymity;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Compiles an {@code MSPPrincipal} into a test on identities, following {@code satisfiesPrincipal} in Fabric's {@code
 * msp/mspimpl.go} for an X.509 MSP with NodeOUs enabled and no explicit admin certificates (Fabric 2.x defaults).
 * Principals that Fabric would fail to unmarshal, or of unknown classification or role, compile to a test that never
 * passes, because Fabric reports them as unsatisfied rather than rejecting the whole policy.
 */
final class PrincipalMatcher {

    private static final Predicate<MspIdentity> NEVER = identity -> false;

    private PrincipalMatcher() {}

    /**
     * Compiles a principal.
     *
     * @param principal the principal from a signature policy envelope
     * @return a test that passes for identities that satisfy the principal
     */
    static Predicate<MspIdentity> compile(MSPPrincipal principal) {
        ByteString bytes = principal.getPrincipal();
        try {
            return switch (principal.getPrincipalClassification()) {
                case ROLE -> role(MSPRole.parseFrom(bytes));
                case ORGANIZATION_UNIT -> organizationUnit(OrganizationUnit.parseFrom(bytes));
                case IDENTITY -> identity(bytes);
                case COMBINED -> combined(CombinedPrincipal.parseFrom(bytes));
                case ANONYMITY -> anonymity(MSPIdentityAnonymity.parseFrom(bytes));
                default -> NEVER;
            };
        } catch (InvalidProtocolBufferException e) {
            return NEVER;
        }
    }

    /**
     * Returns the NodeOU identifier a role requires, as configured in the devnet's MSP {@code config.yaml}.
     *
     * @param role the role
     * @return the OU value, or null for MEMBER and unknown roles
     */
    static String nodeOu(MSPRole.MSPRoleType role) {
        return switch (role) {
            case ADMIN -> "admin";
            case CLIENT -> "client";
            case PEER -> "peer";
            case ORDERER -> "orderer";
            default -> null;
        };
    }

    private static Predicate<MspIdentity> role(MSPRole role) {
        String mspId = role.getMspIdentifier();
        if (role.getRole() == MSPRole.MSPRoleType.MEMBER) {
            return identity -> identity.mspId().equals(mspId);
        }
        String ou = nodeOu(role.getRole());
        if (ou == null) {
            return NEVER;
        }
        // With NodeOUs, ADMIN is matched by the admin OU alone (satisfiesPrincipalInternalV142): the devnet's MSPs
        // have no admincerts folder, so the "explicitly named admin" branch can never apply.
        return identity ->
                identity.mspId().equals(mspId) && identity.organizationalUnits().contains(ou);
    }

    private static Predicate<MspIdentity> organizationUnit(OrganizationUnit unit) {
        String mspId = unit.getMspIdentifier();
        String ou = unit.getOrganizationalUnitIdentifier();
        return identity ->
                identity.mspId().equals(mspId) && identity.organizationalUnits().contains(ou);
    }

    private static Predicate<MspIdentity> identity(ByteString serialized) {
        SerializedIdentity principal;
        try {
            principal = SerializedIdentity.parseFrom(serialized);
        } catch (InvalidProtocolBufferException e) {
            return NEVER;
        }
        String mspId = principal.getMspid();
        byte[] der = certificateDer(principal.getIdBytes());
        // Fabric compares certificates (cert.Raw), not serializations: the same certificate in differently
        // wrapped PEM is the same identity.
        return identity -> identity.serialized().equals(serialized)
                || der != null && identity.mspId().equals(mspId) && Arrays.equals(der, encoded(identity));
    }

    private static Predicate<MspIdentity> combined(CombinedPrincipal combined) {
        if (combined.getPrincipalsCount() == 0) {
            return NEVER;
        }
        List<Predicate<MspIdentity>> parts = new ArrayList<>(combined.getPrincipalsCount());
        for (MSPPrincipal part : combined.getPrincipalsList()) {
            parts.add(compile(part));
        }
        return identity -> parts.stream().allMatch(part -> part.test(identity));
    }

    private static Predicate<MspIdentity> anonymity(MSPIdentityAnonymity anonymity) {
        // An X.509 MSP satisfies NOMINAL and never ANONYMOUS (satisfiesPrincipalInternalV13).
        return anonymity.getAnonymityType() == MSPIdentityAnonymity.MSPIdentityAnonymityType.NOMINAL
                ? identity -> true
                : NEVER;
    }

    private static byte[] certificateDer(ByteString pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return factory.generateCertificate(new ByteArrayInputStream(pem.toByteArray()))
                    .getEncoded();
        } catch (CertificateException e) {
            return null;
        }
    }

    private static byte[] encoded(MspIdentity identity) {
        X509Certificate certificate = identity.certificate();
        if (certificate == null) {
            return null;
        }
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            return null;
        }
    }
}
