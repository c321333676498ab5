package org.biotdm.chaincode.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.biotdm.chaincode.testing.Vectors;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared receipt vectors ({@code protocol/vectors/receipt-v1.json}) against the chaincode's own {@link
 * CanonicalReceipt} and {@link ReceiptVerifier}, skipped where the chaincode is built alone ({@link Vectors}).
 */
class ReceiptVectorsTest {
    static Stream<Map<String, Object>> cases() throws IOException {
        return Vectors.maps(Vectors.read("receipt-v1.json").get("cases")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void builds_the_vectors_canonical_receipt(final Map<String, Object> vector) {
        final Map<String, Object> receipt = Vectors.map(vector.get("receipt"));

        final byte[] bytes =
                CanonicalReceipt.bytes(command(receipt), CommandStatus.valueOf((String) receipt.get("status")), (String)
                        receipt.get("resultSha256"));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(vector.get("canonical"));
        assertThat(hex(bytes)).isEqualTo(vector.get("canonical_hex"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifies_the_signature_exactly_when_the_vector_is_valid(final Map<String, Object> vector) throws IOException {
        final byte[] receipt = hexBytes((String) vector.get("canonical_hex"));
        final byte[] signature = Base64.getDecoder().decode((String) vector.get("signature"));
        final String key = Vectors.publicKey((String) vector.get("public_key"));

        if (Boolean.TRUE.equals(vector.get("valid"))) {
            ReceiptVerifier.verify(key, receipt, signature);
        } else {
            assertThatThrownBy(() -> ReceiptVerifier.verify(key, receipt, signature))
                    .isInstanceOf(ChaincodeException.class)
                    .hasMessageContaining("RECEIPT_SIGNATURE_INVALID");
        }
    }

    private static Command command(final Map<String, Object> receipt) {
        return Command.builder()
                .commandId((String) receipt.get("commandId"))
                .deviceId((String) receipt.get("deviceId"))
                .commandType((String) receipt.get("commandType"))
                .parametersSha256((String) receipt.get("parametersSha256"))
                .build();
    }

    private static String hex(final byte[] bytes) {
        final StringBuilder out = new StringBuilder(bytes.length * 2);
        for (final byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }

    private static byte[] hexBytes(final String hex) {
        final byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
