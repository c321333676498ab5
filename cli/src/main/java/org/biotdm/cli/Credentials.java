package org.biotdm.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The people {@code up} creates on first start and their passwords, kept in {@code <data-dir>/credentials.properties}
 * with owner-only permissions (0600). Keys are {@code <MSP ID>.<role>.username} and {@code <MSP ID>.<role>.password},
 * for example {@code Org1MSP.auditor.username=org1-auditor}.
 */
public final class Credentials {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Properties properties = new Properties();

    private Credentials(Path file) {
        this.file = file;
    }

    /**
     * Reads the file, or starts an empty set when it does not exist.
     *
     * @param file the credentials file
     * @return the credentials
     * @throws UncheckedIOException when the file exists but cannot be read
     */
    public static Credentials load(Path file) {
        Credentials credentials = new Credentials(file);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                credentials.properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return credentials;
    }

    /**
     * Returns a person's login, if recorded.
     *
     * @param mspId the organisation, for example {@code Org1MSP}
     * @param role {@code admin}, {@code operator} or {@code auditor}
     * @return the login
     */
    public Optional<Login> find(String mspId, String role) {
        String username = properties.getProperty(mspId + "." + role + ".username");
        String password = properties.getProperty(mspId + "." + role + ".password");
        return username == null || password == null ? Optional.empty() : Optional.of(new Login(username, password));
    }

    /**
     * Returns the first recorded login of a role, in the order of the organisations' MSP IDs.
     *
     * @param role the role
     * @return the login
     */
    public Optional<Login> findAny(String role) {
        return new TreeMap<>(properties)
                .keySet().stream()
                        .map(Object::toString)
                        .filter(key -> key.endsWith("." + role + ".username"))
                        .map(key -> key.substring(0, key.indexOf('.')))
                        .map(msp -> find(msp, role))
                        .flatMap(Optional::stream)
                        .findFirst();
    }

    /**
     * Records a login and writes the file at once (owner-only, replaced atomically), so a person created is never
     * forgotten when a later step fails.
     *
     * @param mspId the organisation
     * @param role the role
     * @param login the login
     * @throws UncheckedIOException when the file cannot be written
     */
    public void put(String mspId, String role, Login login) {
        properties.setProperty(mspId + "." + role + ".username", login.username());
        properties.setProperty(mspId + "." + role + ".password", login.password());
        store();
    }

    /**
     * Returns the username {@code up} gives a person: the organisation's short name and the role, for example {@code
     * org1-admin} for an admin of {@code Org1MSP}.
     *
     * @param mspId the organisation
     * @param role the role
     * @return the username
     */
    public static String usernameFor(String mspId, String role) {
        String org = mspId.toLowerCase(Locale.ROOT);
        if (org.endsWith("msp") && org.length() > 3) {
            org = org.substring(0, org.length() - 3);
        }
        return org.replaceAll("[^a-z0-9._-]", "") + "-" + role;
    }

    /**
     * Generates a password: 24 characters of base64url (144 random bits).
     *
     * @return the password
     */
    public static String generatePassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void store() {
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "BIoT-DM people created by `biotdm up` (sign in with POST /api/v1/auth/login)");
            // Properties keeps no order: sort the entries so an organisation's people stay together.
            List<String> lines = text.toString().lines().toList();
            String sorted = Stream.concat(
                            lines.stream().filter(line -> line.startsWith("#")),
                            lines.stream().filter(line -> !line.startsWith("#")).sorted())
                    .collect(Collectors.joining("\n", "", "\n"));
            OwnerOnlyFiles.writeString(file, sorted);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /**
     * A username and password.
     *
     * @param username the username
     * @param password the password
     */
    public record Login(String username, String password) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }
}
