package org.biotdm.protocol.fabricca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.biotdm.protocol.signature.EcdsaP256;
import org.biotdm.protocol.vectors.VectorFiles;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FabricCaTokenTest {
    private static final String FILE = "fabric-ca-token-v1.json";
    private static final String KEY = (String) VectorFiles.read(FILE).get("key");
    private static final ECPrivateKeyParameters PRIVATE =
            EcdsaP256.privateKeyFromPem(VectorFiles.keyPem(KEY, "pkcs8_pem"));
    private static final ECPublicKeyParameters PUBLIC = EcdsaP256.publicKeyFromPem(VectorFiles.keyPem(KEY, "spki_pem"));

    static List<Map<String, Object>> cases() {
        return VectorFiles.cases(FILE);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void payload_and_token_match_the_vector(Map<String, Object> vector) {
        byte[] body = body(vector);
        String certificate = (String) vector.get("certificate_pem");

        assertThat(FabricCaToken.payload((String) vector.get("method"), (String) vector.get("uri"), body, certificate))
                .isEqualTo(vector.get("payload"));
        assertThat(FabricCaToken.create(
                        certificate, PRIVATE, (String) vector.get("method"), (String) vector.get("uri"), body))
                .isEqualTo(vector.get("token"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void the_vector_token_verifies_for_its_request_only(Map<String, Object> vector) {
        FabricCaToken token = FabricCaToken.parse((String) vector.get("token"));
        String method = (String) vector.get("method");
        String uri = (String) vector.get("uri");
        byte[] body = body(vector);

        assertThat(token.certificatePem()).isEqualTo(vector.get("certificate_pem"));
        assertThat(token.verifies(PUBLIC, method, uri, body)).isTrue();
        assertThat(token.verifies(PUBLIC, "PUT", uri, body)).isFalse();
        assertThat(token.verifies(PUBLIC, method, uri + "x", body)).isFalse();
        assertThat(token.verifies(PUBLIC, method, uri, "{}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void a_high_s_signature_is_refused_as_fabric_bccsp_refuses_it() {
        Map<String, Object> vector = cases().get(0);
        FabricCaToken token = FabricCaToken.parse((String) vector.get("token"));
        BigInteger[] rs = EcdsaP256.decode(token.signature());
        byte[] highS = EcdsaP256.encodeDer(rs[0], EcdsaP256.DOMAIN.getN().subtract(rs[1]));
        FabricCaToken twin = new FabricCaToken(token.certificatePem(), highS);

        assertThat(twin.verifies(PUBLIC, (String) vector.get("method"), (String) vector.get("uri"), body(vector)))
                .isFalse();
    }

    @Test
    void a_header_without_exactly_two_parts_is_refused() {
        assertThatThrownBy(() -> FabricCaToken.parse("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FabricCaToken.parse("a.b.c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FabricCaToken.parse("Basic YTpi")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] body(Map<String, Object> vector) {
        return ((String) vector.get("body")).getBytes(StandardCharsets.UTF_8);
    }
}
