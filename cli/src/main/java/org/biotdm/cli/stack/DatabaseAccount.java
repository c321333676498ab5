package org.biotdm.cli.stack;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application account of a gateway's embedded MariaDB, as the gateway keeps it in {@code
 * <data-dir>/mariadb-credentials.properties} (owner-only, a Java properties file with {@code user} and {@code
 * password}; written by the gateway's {@code EmbeddedCredentials} on its first start). The account has every right on
 * the service's database and none beyond it. {@link #toString()} hides the password.
 *
 * @param user the user name
 * @param password the password
 */
public record DatabaseAccount(String user, String password) {
    /** The credentials file's name in the gateway's data directory. */
    public static final String FILE_NAME = "mariadb-credentials.properties";

    private static final Pattern LISTENING = Pattern.compile("Embedded MariaDB listening on 127\\.0\\.0\\.1:(\\d+)");

    /**
     * Reads the account of the embedded MariaDB a gateway started.
     *
     * @param gatewayDataDir the gateway's {@code biotdm.data-dir}
     * @return the account
     * @throws IOException when the file cannot be read
     * @throws StackException when the file lacks a user or password (the gateway did not start its embedded MariaDB)
     */
    public static DatabaseAccount of(Path gatewayDataDir) throws IOException {
        Path file = gatewayDataDir.resolve(FILE_NAME);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String user = properties.getProperty("user", "");
        String password = properties.getProperty("password", "");
        if (user.isEmpty() || password.isEmpty()) {
            throw new StackException(file + " has no user or password: the gateway did not start its embedded MariaDB");
        }
        return new DatabaseAccount(user, password);
    }

    /**
     * Finds the port of the gateway's embedded MariaDB in its log (the last "Embedded MariaDB listening on
     * 127.0.0.1:PORT" line, as the gateway logs it at each start).
     *
     * @param gatewayLog {@code <data-dir>/logs/gateway.log}
     * @return the port, or empty when the log has no such line
     * @throws IOException when the log cannot be read
     */
    public static OptionalInt embeddedPort(Path gatewayLog) throws IOException {
        OptionalInt port = OptionalInt.empty();
        for (String line : Files.readAllLines(gatewayLog, StandardCharsets.UTF_8)) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                port = OptionalInt.of(Integer.parseInt(matcher.group(1)));
            }
        }
        return port;
    }

    @Override
    public String toString() {
        return "DatabaseAccount[user=" + user + ", password hidden]";
    }
}
