package org.biotdm.devnet.ca;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The enrolment registrars' secrets, one per organisation: 32 random bytes, base64url, generated on the first start
 * and kept in that organisation's own properties file {@code <dir>/<MSP ID>.properties} ({@code Org1MSP=<secret>}),
 * readable by the owner only, so each organisation's gateway is handed its own registrar secret and no other.
 * Immutable and thread-safe.
 */
public final class RegistrarSecrets {
    /** Name of the single shared file earlier versions kept every organisation's secret in. */
    public static final String LEGACY_FILE = "enrollment-secrets.properties";

    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the registrar is unknown, so that case costs the same time as a wrong secret. */
    private static final byte[] DUMMY = new byte[43];

    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path dir;
    private final Map<String, byte[]> secrets;

    private RegistrarSecrets(Path dir, Map<String, byte[]> secrets) {
        this.dir = dir;
        this.secrets = Map.copyOf(secrets);
    }

    /**
     * Reads each organisation's secret file in {@code dir}, creating it (atomically, mode 0600 from the first byte)
     * with a fresh secret when it is missing or empty, and deletes the shared {@value #LEGACY_FILE} of earlier
     * versions from {@code dir}'s parent.
     *
     * @param dir the directory of the per-organisation files, created owner-only when missing
     * @param mspIds the organisations that need a registrar secret
     * @return the secrets
     * @throws IOException when a file cannot be read or written
     * @throws IllegalArgumentException when an MSP ID is not {@code [A-Za-z0-9._-]{1,64}}
     */
    public static RegistrarSecrets loadOrCreate(Path dir, Collection<String> mspIds) throws IOException {
        if (!Files.isDirectory(dir)
                && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (String mspId : mspIds) {
            if (!MSP_ID.matcher(mspId).matches()) {
                throw new IllegalArgumentException("not a valid MSP ID: " + mspId);
            }
            secrets.put(mspId, loadOrCreate(file(dir, mspId), mspId).getBytes(StandardCharsets.UTF_8));
        }
        if (dir.getParent() != null) {
            Files.deleteIfExists(dir.getParent().resolve(LEGACY_FILE));
        }
        return new RegistrarSecrets(dir, secrets);
    }

    /**
     * Returns the file an organisation's secret is kept in.
     *
     * @param dir the directory of the per-organisation files
     * @param mspId the MSP ID
     * @return {@code <dir>/<mspId>.properties}
     */
    public static Path file(Path dir, String mspId) {
        return dir.resolve(mspId + ".properties");
    }

    /**
     * Returns the directory the per-organisation files are kept in.
     *
     * @return the directory
     */
    public Path dir() {
        return dir;
    }

    /**
     * Returns the secret of one organisation's registrar, for handing to a trusted local client such as the gateway.
     *
     * @param mspId the MSP ID
     * @return the secret, or empty when the MSP has no registrar
     */
    public Optional<String> secret(String mspId) {
        byte[] secret = mspId == null ? null : secrets.get(mspId);
        return Optional.ofNullable(secret).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Checks a presented secret in constant time with respect to its content.
     *
     * @param mspId the registrar's MSP ID
     * @param presented the presented secret
     * @return true when the MSP has a registrar and the secret is its secret
     */
    public boolean matches(String mspId, String presented) {
        byte[] expected = mspId == null ? null : secrets.get(mspId);
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        boolean equal = MessageDigest.isEqual(expected == null ? DUMMY : expected, given);
        return expected != null && equal;
    }

    private static String loadOrCreate(Path file, String mspId) throws IOException {
        if (Files.exists(file)) {
            Properties stored = new Properties();
            stored.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
            String secret = stored.getProperty(mspId, "");
            if (!secret.isBlank()) {
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
                return secret;
            }
        }
        byte[] random = new byte[SECRET_BYTES];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        // MSP IDs and base64url secrets need no properties escaping.
        String text = "# BIoT-DM devnet enrolment registrar secret of " + mspId + " (HTTP Basic: user = MSP ID)\n"
                + mspId + "=" + secret + "\n";
        AtomicFiles.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
        return secret;
    }
}
