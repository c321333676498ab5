package org.biotdm.devnet.orderer;

import java.security.SecureRandom;

/** Random 24-byte nonces for signature headers, the length Fabric's {@code crypto.GetRandomNonce} uses. */
final class Nonces {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Nonces() {}

    static byte[] next() {
        byte[] nonce = new byte[24];
        RANDOM.nextBytes(nonce);
        return nonce;
    }
}
