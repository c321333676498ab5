package org.biotdm.gateway.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Turns a device's registered public key (one PEM {@code PUBLIC KEY} block, as the chaincode stores it) into
 * BouncyCastle parameters, once per distinct PEM: parsing costs more than a verification, and keeping the parameters
 * keeps BouncyCastle's precomputed table for the point. A rotated key is a different PEM and gets its own entry.
 * Thread-safe.
 */
public final class DevicePublicKeys {
    private static final int MAX_CACHED_KEYS = 100_000;

    private final Map<String, ECPublicKeyParameters> keys = new ConcurrentHashMap<>();

    /**
     * Returns the P-256 key of a PEM.
     *
     * @param publicKeyPem the PEM {@code PUBLIC KEY}
     * @return the key parameters, or null when the PEM is missing, malformed, or not a P-256 key
     */
    public ECPublicKeyParameters p256(String publicKeyPem) {
        if (publicKeyPem == null) {
            return null;
        }
        ECPublicKeyParameters cached = keys.get(publicKeyPem);
        if (cached != null) {
            return cached;
        }
        ECPublicKeyParameters parsed = EcdsaP256.publicKeyFromPem(publicKeyPem);
        if (parsed != null) {
            if (keys.size() >= MAX_CACHED_KEYS) {
                keys.clear();
            }
            keys.put(publicKeyPem, parsed);
        }
        return parsed;
    }
}
