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
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The enrolment registrars' secrets, one per organisation: 32 random bytes, base64url, generated on the first start
 * and kept in a properties file ({@code Org1MSP=<secret>}) readable by the owner only. Immutable and thread-safe.
 */
public final class RegistrarSecrets {
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the registrar is unknown, so that case costs the same time as a wrong secret. */
    private static final byte[] DUMMY = new byte[43];

    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Path file;
    private final Map<String, byte[]> secrets;

    private RegistrarSecrets(Path file, Map<String, byte[]> secrets) {
        this.file = file;
        this.secrets = Map.copyOf(secrets);
    }

    /**
     * Reads the secrets file, adding a fresh secret for every MSP ID that has none yet, and writes it back atomically
     * with permissions 0600 when anything was added.
     *
     * @param file the properties file
     * @param mspIds the organisations that need a registrar secret
     * @return the secrets
     * @throws IOException when the file cannot be read or written
     */
    public static RegistrarSecrets loadOrCreate(Path file, Collection<String> mspIds) throws IOException {
        Properties stored = new Properties();
        if (Files.exists(file)) {
            stored.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        }
        boolean changed = false;
        for (String mspId : mspIds) {
            if (!MSP_ID.matcher(mspId).matches()) {
                throw new IllegalArgumentException("not a valid MSP ID: " + mspId);
            }
            if (stored.getProperty(mspId, "").isBlank()) {
                byte[] secret = new byte[SECRET_BYTES];
                RANDOM.nextBytes(secret);
                stored.setProperty(
                        mspId, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
                changed = true;
            }
        }
        if (changed) {
            write(file, stored);
        } else if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (String mspId : mspIds) {
            secrets.put(mspId, stored.getProperty(mspId).getBytes(StandardCharsets.UTF_8));
        }
        return new RegistrarSecrets(file, secrets);
    }

    /**
     * Returns the file the secrets are kept in.
     *
     * @return the properties file
     */
    public Path file() {
        return file;
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

    private static void write(Path file, Properties stored) throws IOException {
        StringBuilder text =
                new StringBuilder("# BIoT-DM devnet enrolment registrar secrets (HTTP Basic: user = MSP ID)\n");
        // MSP IDs and base64url secrets need no properties escaping; sorted so rewrites are stable.
        new TreeMap<>(stored)
                .forEach((key, value) ->
                        text.append(key).append('=').append(value).append('\n'));
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    }
}
