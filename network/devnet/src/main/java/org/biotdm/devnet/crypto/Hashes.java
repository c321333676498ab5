package org.biotdm.devnet.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Computes the SHA-256 digests Fabric uses for transaction IDs, proposal hashes and block hashes. */
public final class Hashes {
    private static final MessageDigest SHA256_PROTOTYPE = newSha256();

    private Hashes() {}

    /**
     * Returns SHA-256 (FIPS 180-4) over the concatenation of the given parts, without copying them into one array.
     *
     * @param parts the byte arrays to hash, in order; none may be null
     * @return the 32-byte digest
     */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    /**
     * Returns a fresh SHA-256 digest for incremental hashing; each call returns a new, unshared instance.
     *
     * @return a SHA-256 message digest
     */
    public static MessageDigest newDigest() {
        try {
            // Cloning skips the provider lookup that MessageDigest.getInstance does on every call.
            return (MessageDigest) SHA256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
