package org.biotdm.chaincode.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.owlike.genson.Genson;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared receipt vectors ({@code protocol/vectors/receipt-v1.json}) against the chaincode's own {@link
 * CanonicalReceipt} and {@link ReceiptVerifier}. The chaincode must build from its folder alone (Fabric's Java
 * builder copies only that), so the vectors are read only when the repository around it is there; otherwise the
 * tests are skipped with an assumption.
 */
class ReceiptVectorsTest {
    private static final Genson JSON = new Genson();

    static Stream<Map<String, Object>> cases() throws IOException {
        return maps(read("receipt-v1.json").get("cases")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void builds_the_vectors_canonical_receipt(final Map<String, Object> vector) {
        final Map<String, Object> receipt = map(vector.get("receipt"));

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
        final String key = publicKey((String) vector.get("public_key"));

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

    private static String publicKey(final String name) throws IOException {
        return maps(read("keys.json").get("keys")).stream()
                .filter(key -> name.equals(key.get("name")))
                .map(key -> (String) key.get("spki_pem"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test key " + name));
    }

    private static Map<String, Object> read(final String file) throws IOException {
        final Path folder = vectors();
        Assumptions.assumeTrue(
                folder != null, "protocol/vectors is not above " + Paths.get("").toAbsolutePath() + ": skipped");
        try (Reader reader = Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8)) {
            return map(JSON.deserialize(reader, Map.class));
        }
    }

    /** Walks up from the working directory (the module under Maven) to the first {@code protocol/vectors}. */
    private static Path vectors() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("protocol").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(final Object value) {
        return (List<Map<String, Object>>) value;
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
