package org.biotdm.gateway.db;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.regex.Pattern;
import org.biotdm.gateway.security.SecretFiles;

/**
 * The accounts of an embedded MariaDB: {@code root} (from {@code localhost} and {@code 127.0.0.1}) with a generated
 * password, and the application user {@value #USER}{@code @127.0.0.1} with its own generated password and rights on
 * the service's databases only (granted by {@link EmbeddedMariaDb#createDatabase}).
 *
 * <p>The passwords are 256 random bits each ({@link SecureRandom}), base64url without padding (43 characters of
 * {@code [A-Za-z0-9_-]}, so they never need quoting in SQL). They are kept in {@value #FILE_NAME} beside the
 * server's data directory, a Java properties file ({@code root-password}, {@code user}, {@code password}) created
 * owner-only ({@code 600}) from its first byte by {@link SecretFiles}, generated on the first start and reused
 * afterwards. {@link #toString()} never shows a password.
 *
 * @param rootPassword the password of {@code root}
 * @param user the application user, {@value #USER}
 * @param password the application user's password
 */
public record EmbeddedCredentials(String rootPassword, String user, String password) {
    /** The credentials file's name, in the parent of the server's data directory. */
    public static final String FILE_NAME = "mariadb-credentials.properties";

    /** The application user's name. */
    public static final String USER = "biotdm";

    /** The host part of the accounts the service connects with: TCP on loopback, names not resolved. */
    static final String HOST = "127.0.0.1";

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9_-]{32,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Reads the credentials file, or generates new passwords and writes it owner-only when it does not exist.
     *
     * @param file the credentials file
     * @return the credentials
     * @throws UncheckedIOException when the file cannot be read or written
     * @throws IllegalStateException when the file exists but lacks a password or holds a user or password of another
     *     form
     */
    static EmbeddedCredentials loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return load(file);
            }
            EmbeddedCredentials created = new EmbeddedCredentials(newPassword(), USER, newPassword());
            SecretFiles.write(file, created.fileText());
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the database credentials in " + file, e);
        }
    }

    /**
     * Returns the SQL the server runs at each start ({@code --init-file}, before it accepts connections): sets the
     * passwords of {@code root} and of the application user, creating the accounts that are missing. It is what
     * upgrades a data directory of an earlier release, whose {@code root} had no password. One statement per line, as
     * the server reads the file.
     *
     * @return the statements
     */
    String initSql() {
        String root = "'" + rootPassword + "'";
        String app = "'" + password + "'";
        String loopback = "'" + HOST + "'";
        return String.join(
                "\n",
                "ALTER USER IF EXISTS 'root'@'localhost' IDENTIFIED BY " + root + ";",
                "CREATE USER IF NOT EXISTS 'root'@" + loopback + " IDENTIFIED BY " + root + ";",
                "ALTER USER 'root'@" + loopback + " IDENTIFIED BY " + root + ";",
                "GRANT ALL PRIVILEGES ON *.* TO 'root'@" + loopback + " WITH GRANT OPTION;",
                "DROP USER IF EXISTS ''@'localhost', ''@" + loopback + ";",
                "CREATE USER IF NOT EXISTS '" + user + "'@" + loopback + " IDENTIFIED BY " + app + ";",
                "ALTER USER '" + user + "'@" + loopback + " IDENTIFIED BY " + app + ";",
                "FLUSH PRIVILEGES;",
                "");
    }

    @Override
    public String toString() {
        return "EmbeddedCredentials[user=" + user + ", passwords hidden]";
    }

    private String fileText() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("root-password", rootPassword);
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        StringWriter text = new StringWriter();
        properties.store(text, "Embedded MariaDB accounts of this BIoT-DM gateway; keep owner-only");
        return text.toString();
    }

    private static EmbeddedCredentials load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String rootPassword = properties.getProperty("root-password", "");
        String user = properties.getProperty("user", USER);
        String password = properties.getProperty("password", "");
        if (!PASSWORD.matcher(rootPassword).matches()
                || !PASSWORD.matcher(password).matches()
                || !USER_NAME.matcher(user).matches()) {
            throw new IllegalStateException("the database credentials in " + file + " need a user [A-Za-z0-9_]{1,32}"
                    + " and a root-password and password of 32-128 characters [A-Za-z0-9_-]; delete the file to"
                    + " generate new ones");
        }
        return new EmbeddedCredentials(rootPassword, user, password);
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
