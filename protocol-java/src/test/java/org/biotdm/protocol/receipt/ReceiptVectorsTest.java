package org.biotdm.protocol.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.protocol.signature.EcdsaP256;
import org.biotdm.protocol.vectors.VectorFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReceiptVectorsTest {
    static Stream<Map<String, Object>> cases() {
        return VectorFiles.cases("receipt-v1.json").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodes_the_canonical_text_and_verifies_as_the_vector_says(Map<String, Object> vector) {
        CommandReceipt receipt = receipt(VectorFiles.asMap(vector.get("receipt")));
        var key = EcdsaP256.publicKeyFromPem(VectorFiles.keyPem((String) vector.get("public_key"), "spki_pem"));

        assertThat(receipt.canonicalText()).isEqualTo(vector.get("canonical"));
        assertThat(HexFormat.of().formatHex(receipt.bytes())).isEqualTo(vector.get("canonical_hex"));
        assertThat(CommandReceipt.sha256Hex(receipt.bytes())).isEqualTo(vector.get("canonical_sha256"));
        assertThat(receipt.verify(key, (String) vector.get("signature"))).isEqualTo(vector.get("valid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refuses_a_signature_that_is_not_base64(Map<String, Object> vector) {
        CommandReceipt receipt = receipt(VectorFiles.asMap(vector.get("receipt")));
        var key = EcdsaP256.publicKeyFromPem(VectorFiles.keyPem((String) vector.get("public_key"), "spki_pem"));

        assertThat(receipt.verify(key, "not*base64")).isFalse();
    }

    static CommandReceipt receipt(Map<String, Object> fields) {
        return new CommandReceipt(
                (String) fields.get("commandId"),
                (String) fields.get("deviceId"),
                (String) fields.get("commandType"),
                (String) fields.get("parametersSha256"),
                ReceiptStatus.valueOf((String) fields.get("status")),
                (String) fields.get("resultSha256"));
    }
}
