package org.biotdm.devnet.msp;

import com.google.protobuf.ByteString;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;
import org.biotdm.devnet.crypto.Ecdsa;
import org.biotdm.devnet.crypto.Hashes;

/**
 * A validated X.509 identity as {@link ChannelMsp} returns it; immutable and thread-safe. Two identities are equal
 * when their serialized bytes are, which is how Fabric's policy evaluation deduplicates signers.
 */
final class X509Identity implements MspIdentity {
    private final String mspId;
    private final X509Certificate certificate;
    private final PublicKey publicKey;
    private final Set<String> organizationalUnits;
    private final ByteString serialized;
    private final byte[] keyId;
    private final Instant notBefore;
    private final Instant notAfter;
    private final VerificationCache verificationCache;

    X509Identity(
            String mspId,
            X509Certificate certificate,
            Set<String> organizationalUnits,
            ByteString serialized,
            Instant notBefore,
            Instant notAfter,
            VerificationCache verificationCache) {
        this.mspId = mspId;
        this.certificate = certificate;
        this.publicKey = certificate.getPublicKey();
        this.organizationalUnits = Set.copyOf(organizationalUnits);
        this.serialized = serialized;
        this.keyId = Hashes.sha256(publicKey.getEncoded());
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        this.verificationCache = verificationCache;
    }

    @Override
    public String mspId() {
        return mspId;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public Set<String> organizationalUnits() {
        return organizationalUnits;
    }

    @Override
    public ByteString serialized() {
        return serialized;
    }

    /**
     * Verifies a signature as Fabric's BCCSP does (SHA-256, DER, low-S required), consulting the shared cache of
     * signatures that already verified.
     */
    @Override
    public boolean verify(byte[] message, byte[] signature) {
        if (message == null || signature == null) {
            return false;
        }
        byte[] cacheKey = VerificationCache.key(keyId, message, signature);
        return verificationCache.verify(cacheKey, () -> Ecdsa.verify(publicKey, message, signature));
    }

    /** Adds a signature made in this process with this identity's key to the shared cache of verified signatures. */
    @Override
    public void rememberOwnSignature(byte[] message, byte[] signature) {
        verificationCache.add(VerificationCache.key(keyId, message, signature));
    }

    /** Tells whether the certificate and its root are both within their validity periods at the given time. */
    boolean validAt(Instant now) {
        return !now.isBefore(notBefore) && !now.isAfter(notAfter);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X509Identity identity && serialized.equals(identity.serialized);
    }

    @Override
    public int hashCode() {
        return serialized.hashCode();
    }

    @Override
    public String toString() {
        return mspId + ":" + certificate.getSubjectX500Principal().getName();
    }
}
