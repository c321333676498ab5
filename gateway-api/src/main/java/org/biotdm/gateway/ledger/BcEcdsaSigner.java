package org.biotdm.gateway.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.hyperledger.fabric.client.identity.Signer;

/**
 * Signs fabric-gateway digests with ECDSA through BouncyCastle's low-level {@link ECDSASigner}, with deterministic
 * nonces (RFC 6979) and {@code s} normalised to the lower half of the curve order, as Fabric's BCCSP requires
 * ({@code bccsp/utils/ecdsa.go}).
 *
 * <p>fabric-gateway's own {@code Signers.newPrivateKeySigner} gives the same signatures but goes through the JCA:
 * per signature it looks up a {@code Signature} instance, converts the key and re-parses the DER result to normalise
 * {@code s}. This signer converts the key once. It receives the SHA-256 digest that the gateway computed (the
 * gateway's default {@code Hash.SHA256}) and signs it as is. Instances are thread-safe.
 */
final class BcEcdsaSigner implements Signer {
    private final ECPrivateKeyParameters key;
    private final BigInteger halfOrder;

    /**
     * Creates a signer for an EC private key.
     *
     * @param privateKey the EC private key (for example P-256)
     * @throws IllegalArgumentException when the key is not an EC private key
     */
    public BcEcdsaSigner(PrivateKey privateKey) {
        try {
            if (!(PrivateKeyFactory.createKey(privateKey.getEncoded()) instanceof ECPrivateKeyParameters ec)) {
                throw new IllegalArgumentException("not an EC private key: " + privateKey.getAlgorithm());
            }
            this.key = ec;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid EC private key", e);
        }
        this.halfOrder = key.getParameters().getN().shiftRight(1);
    }

    /**
     * Signs a digest.
     *
     * @param digest the message digest the gateway computed (32 bytes for SHA-256)
     * @return the DER-encoded {@code ECDSA-Sig-Value} with a low {@code s}
     */
    @Override
    public byte[] sign(byte[] digest) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger s =
                rs[1].compareTo(halfOrder) > 0 ? key.getParameters().getN().subtract(rs[1]) : rs[1];
        ASN1EncodableVector vector = new ASN1EncodableVector(2);
        vector.add(new ASN1Integer(rs[0]));
        vector.add(new ASN1Integer(s));
        try {
            return new DERSequence(vector).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an ECDSA signature failed", e);
        }
    }
}
