package org.biotdm.protocol.fabricca;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The token of Fabric CA's token authentication, as Fabric CA 1.4.1 and later compute it for X.509 identities
 * (fabric-ca {@code util.GenECDSAToken} and {@code util.VerifyToken}): the {@code Authorization} header is {@code
 * B64(certPem) + "." + B64(signature)}, where the signature is ECDSA P-256 over SHA-256 of the payload {@code method +
 * "." + B64(uri) + "." + B64(body) + "." + B64(certPem)}, DER-encoded, with a low {@code s} (Fabric's BCCSP refuses
 * the high half). {@code B64} is standard base64 with padding (RFC 4648 §4); {@code uri} is the request's path and
 * query as sent (for example {@code /api/v1/register}); {@code body} is the request body's bytes, empty when there is
 * none; {@code certPem} is the signer's enrolment certificate's PEM text. Specified in {@code protocol/fabric-ca.md}.
 *
 * @param certificatePem the signer's certificate, PEM text as carried in the token
 * @param signature the DER signature as carried in the token
 */
public record FabricCaToken(String certificatePem, byte[] signature) {
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final BigInteger HALF_ORDER = EcdsaP256.DOMAIN.getN().shiftRight(1);

    /** Keeps its own copy of the signature. */
    public FabricCaToken {
        signature = signature.clone();
    }

    /**
     * Returns the signature's DER bytes.
     *
     * @return a copy of the signature
     */
    @Override
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Builds the signed payload.
     *
     * @param method the HTTP method, for example {@code POST}
     * @param uri the request path and query, for example {@code /api/v1/register}
     * @param body the request body, empty for none
     * @param certificatePem the signer's certificate PEM
     * @return {@code method.B64(uri).B64(body).B64(certPem)}
     */
    public static String payload(String method, String uri, byte[] body, String certificatePem) {
        return method + "." + b64(uri.getBytes(StandardCharsets.UTF_8)) + "." + b64(body) + "."
                + b64(certificatePem.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Creates the {@code Authorization} header value for a request.
     *
     * @param certificatePem the signer's enrolment certificate, PEM
     * @param key the certificate's P-256 private key
     * @param method the HTTP method
     * @param uri the request path and query
     * @param body the request body, empty for none
     * @return {@code B64(certPem).B64(derSignature)}; the nonce is deterministic (RFC 6979), {@code s} is low
     */
    public static String create(
            String certificatePem, ECPrivateKeyParameters key, String method, String uri, byte[] body) {
        byte[] raw =
                EcdsaP256.sign(key, payload(method, uri, body, certificatePem).getBytes(StandardCharsets.UTF_8));
        BigInteger[] rs = EcdsaP256.decode(raw);
        BigInteger s = rs[1].compareTo(HALF_ORDER) > 0 ? EcdsaP256.DOMAIN.getN().subtract(rs[1]) : rs[1];
        return b64(certificatePem.getBytes(StandardCharsets.UTF_8)) + "." + b64(EcdsaP256.encodeDer(rs[0], s));
    }

    /**
     * Splits an {@code Authorization} header value into its certificate and signature.
     *
     * @param header the header value
     * @return the token
     * @throws IllegalArgumentException when the value is not two base64 parts separated by one dot
     */
    public static FabricCaToken parse(String header) {
        String[] parts = header == null ? new String[0] : header.split("\\.", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("a token is <base64 certificate>.<base64 signature>");
        }
        Base64.Decoder decoder = Base64.getDecoder();
        return new FabricCaToken(
                new String(decoder.decode(parts[0]), StandardCharsets.UTF_8), decoder.decode(parts[1]));
    }

    /**
     * Checks the signature for a request, as Fabric CA's server does: DER, low {@code s}, valid for the key.
     *
     * @param key the public key of the token's certificate
     * @param method the request's HTTP method
     * @param uri the request's path and query
     * @param body the request's body, empty for none
     * @return true when the signature covers exactly this request
     */
    public boolean verifies(ECPublicKeyParameters key, String method, String uri, byte[] body) {
        BigInteger[] rs = signature.length == EcdsaP256.RAW_LENGTH ? null : EcdsaP256.decode(signature);
        if (rs == null || rs[1].compareTo(HALF_ORDER) > 0) {
            return false;
        }
        byte[] digest =
                EcdsaP256.sha256(payload(method, uri, body, certificatePem).getBytes(StandardCharsets.UTF_8));
        return EcdsaP256.verify(key, digest, signature);
    }

    private static String b64(byte[] bytes) {
        return B64.encodeToString(bytes);
    }
}
