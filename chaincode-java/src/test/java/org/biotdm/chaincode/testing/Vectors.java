package org.biotdm.chaincode.testing;

import com.owlike.genson.Genson;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads the shared vectors of {@code protocol/vectors}. The chaincode must build from its folder alone (Fabric's Java
 * builder copies only that), so the vectors are read only when the repository around it is there; otherwise the
 * calling test is skipped with an assumption.
 */
public final class Vectors {
    private static final Genson JSON = new Genson();

    private Vectors() {}

    /** Reads one vector file into maps, lists, strings, longs and booleans. */
    public static Map<String, Object> read(final String file) throws IOException {
        final Path folder = folder();
        Assumptions.assumeTrue(
                folder != null, "protocol/vectors is not above " + Paths.get("").toAbsolutePath() + ": skipped");
        try (Reader reader = Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8)) {
            return map(JSON.deserialize(reader, Map.class));
        }
    }

    /** Returns the SPKI PEM of a test key of {@code keys.json}. */
    public static String publicKey(final String name) throws IOException {
        return maps(read("keys.json").get("keys")).stream()
                .filter(key -> name.equals(key.get("name")))
                .map(key -> (String) key.get("spki_pem"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test key " + name));
    }

    /** Casts a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(final Object value) {
        return (Map<String, Object>) value;
    }

    /** Casts a JSON array of objects. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> maps(final Object value) {
        return (List<Map<String, Object>>) value;
    }

    /** Walks up from the working directory (the module under Maven) to the first {@code protocol/vectors}. */
    private static Path folder() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("protocol").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
