package org.biotdm.devnet.chaincode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * A chaincode-as-a-service package as {@code peer lifecycle chaincode package} writes one and Fabric's {@code ccaas}
 * external builder reads it: a gzipped tar holding {@code metadata.json} ({@code "type":"ccaas"} and the label) and
 * {@code code.tar.gz}, itself a gzipped tar holding {@code connection.json}.
 *
 * @param label the package label from {@code metadata.json}
 * @param packageId {@code label:sha256hex} of the package file, as Fabric's {@code persistence.PackageID}
 * @param connection the fields of {@code connection.json}, unrendered (see {@link CcaasConnection#render})
 */
public record CcaasPackage(String label, String packageId, JsonObject connection) {

    /** The longest package this reads, far above a real one (a few kilobytes). */
    static final int MAX_PACKAGE_BYTES = 1 << 20;

    private static final int BLOCK = 512;

    /**
     * Checks the fields.
     *
     * @throws NullPointerException when a field is missing
     */
    public CcaasPackage {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(packageId, "packageId");
        connection = connection.deepCopy();
    }

    /**
     * Tells whether a chaincode file is a Fabric chaincode package rather than a runnable jar, by its name.
     *
     * @param file a chaincode file
     * @return true for {@code *.tar.gz} and {@code *.tgz}
     */
    public static boolean isPackageFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /**
     * Reads a chaincode-as-a-service package.
     *
     * @param file the package file
     * @return the package
     * @throws IOException when the file cannot be read or is not a gzipped tar
     * @throws IllegalArgumentException when it is over 1 MiB, lacks {@code metadata.json}, {@code code.tar.gz} or
     *     {@code connection.json}, or its type is not {@code ccaas} (Fabric's ccaas builder says "chaincode type
     *     should be ccaas, it is X") or its label is missing
     */
    public static CcaasPackage read(Path file) throws IOException {
        if (Files.size(file) > MAX_PACKAGE_BYTES) {
            throw new IllegalArgumentException("chaincode package " + file + " is larger than 1 MiB");
        }
        byte[] bytes = Files.readAllBytes(file);
        Map<String, byte[]> outer = untar(bytes);
        JsonObject metadata = json(entry(outer, "metadata.json", file), "metadata.json");
        String type = metadata.has("type") ? metadata.get("type").getAsString() : "";
        if (!"ccaas".equalsIgnoreCase(type)) {
            throw new IllegalArgumentException("chaincode type should be ccaas, it is " + type);
        }
        JsonElement label = metadata.get("label");
        if (label == null || label.getAsString().isEmpty()) {
            throw new IllegalArgumentException("metadata.json of " + file + " has no label");
        }
        Map<String, byte[]> code = untar(entry(outer, "code.tar.gz", file));
        JsonObject connection = json(entry(code, "connection.json", file), "connection.json");
        return new CcaasPackage(
                label.getAsString(), ChaincodeLauncher.packageId(label.getAsString(), file), connection);
    }

    @Override
    public JsonObject connection() {
        return connection.deepCopy();
    }

    private static byte[] entry(Map<String, byte[]> files, String name, Path file) {
        byte[] content = files.get(name);
        if (content == null) {
            throw new IllegalArgumentException(name + " not found in chaincode package " + file);
        }
        return content;
    }

    private static JsonObject json(byte[] content, String name) {
        try {
            return JsonParser.parseString(new String(content, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException(name + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the regular files of a gzipped POSIX ustar archive (IEEE Std 1003.1, "pax" format's ustar header), the
     * only entries a chaincode package has; directories and other entry types are skipped.
     */
    static Map<String, byte[]> untar(byte[] gzipped) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped), BLOCK)) {
            byte[] tar = in.readNBytes(MAX_PACKAGE_BYTES + 1);
            if (tar.length > MAX_PACKAGE_BYTES) {
                throw new IllegalArgumentException("chaincode package archive expands beyond 1 MiB");
            }
            for (int at = 0; at + BLOCK <= tar.length && tar[at] != 0; ) {
                String name = field(tar, at, 100);
                String prefix = field(tar, at + 345, 155);
                long size = Long.parseLong(field(tar, at + 124, 12).trim(), 8);
                byte typeFlag = tar[at + 156];
                int start = at + BLOCK;
                if (size < 0 || start + size > tar.length) {
                    throw new IOException("truncated tar entry " + name);
                }
                if (typeFlag == '0' || typeFlag == 0) {
                    String path = prefix.isEmpty() ? name : prefix + "/" + name;
                    files.put(
                            path.startsWith("./") ? path.substring(2) : path,
                            java.util.Arrays.copyOfRange(tar, start, start + (int) size));
                }
                at = start + (int) ((size + BLOCK - 1) / BLOCK) * BLOCK;
            }
        } catch (NumberFormatException e) {
            throw new IOException("not a tar archive: bad entry size", e);
        }
        return files;
    }

    private static String field(byte[] block, int offset, int length) {
        int end = offset;
        while (end < offset + length && block[end] != 0) {
            end++;
        }
        return new String(block, offset, end - offset, StandardCharsets.UTF_8);
    }
}
