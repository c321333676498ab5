package org.biotdm.devnet.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Holds the one BouncyCastle JCA provider instance the devnet passes explicitly to every JCA call that needs it, so
 * nothing depends on {@code Security.addProvider} or on the order of installed providers.
 */
public final class BouncyCastle {
    /** The shared provider instance; never registered globally. */
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private BouncyCastle() {}
}
