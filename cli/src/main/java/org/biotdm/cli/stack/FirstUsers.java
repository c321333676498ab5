package org.biotdm.cli.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Credentials;

/**
 * Creates the people a fresh stack starts with, through the gateway's API: each organisation's first admin with the
 * one-time bootstrap token the gateway wrote at first start ({@code POST /api/v1/auth/bootstrap}), then an operator
 * and an auditor of the first organisation by its admin ({@code POST /api/v1/users}). Each person is written to
 * {@link Credentials} as soon as they exist, and people already recorded are skipped, so a second start (or a start
 * after a failure) only adds what is missing.
 */
final class FirstUsers {
    /** The roles created in the first organisation besides its admin. */
    public static final List<String> ORG1_ROLES = List.of("operator", "auditor");

    private static final Duration TOKEN_WAIT = Duration.ofSeconds(60);

    private final ApiClient api;
    private final DataDir dataDir;

    /**
     * Creates the step.
     *
     * @param api the gateway's API
     * @param dataDir the stack's data directory
     */
    public FirstUsers(ApiClient api, DataDir dataDir) {
        this.api = api;
        this.dataDir = dataDir;
    }

    /**
     * Creates the people who are missing.
     *
     * @param organisations the organisations' MSP IDs, the first one getting the operator and auditor
     * @return a line per person created (username and role), empty when nobody was missing
     * @throws StackException when an organisation already has an admin whose password is not recorded
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public List<String> ensure(List<String> organisations) throws IOException, InterruptedException {
        Credentials credentials = Credentials.load(dataDir.credentials());
        List<String> created = new ArrayList<>();
        for (String msp : organisations) {
            if (credentials.find(msp, "admin").isEmpty()) {
                created.add(msp + " admin " + bootstrapAdmin(credentials, msp).username());
            }
        }
        String first = organisations.get(0);
        List<String> missing = ORG1_ROLES.stream()
                .filter(role -> credentials.find(first, role).isEmpty())
                .toList();
        if (!missing.isEmpty()) {
            String adminToken = api.login(credentials.find(first, "admin").orElseThrow());
            for (String role : missing) {
                Credentials.Login login =
                        new Credentials.Login(Credentials.usernameFor(first, role), Credentials.generatePassword());
                api.createUser(adminToken, login, role);
                credentials.put(first, role, login);
                created.add(first + " " + role + " " + login.username());
            }
        }
        return created;
    }

    /** Creates an organisation's first admin with its bootstrap token and records them at once. */
    private Credentials.Login bootstrapAdmin(Credentials credentials, String msp)
            throws IOException, InterruptedException {
        Credentials.Login login =
                new Credentials.Login(Credentials.usernameFor(msp, "admin"), Credentials.generatePassword());
        try {
            api.bootstrap(msp, bootstrapToken(msp), login);
        } catch (ApiClient.ApiError e) {
            throw new StackException("Cannot create the first admin of " + msp + " (" + e.getMessage()
                    + "). The data directory " + dataDir.root() + " already has users that "
                    + dataDir.credentials().getFileName() + " does not list; start with --reset for a new"
                    + " stack.");
        }
        credentials.put(msp, "admin", login);
        return login;
    }

    private String bootstrapToken(String msp) throws InterruptedException {
        Path file = dataDir.bootstrapTokens();
        Instant deadline = Instant.now().plus(TOKEN_WAIT);
        while (true) {
            String token = readTokens(file).getProperty(msp);
            if (token != null) {
                return token;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException("The gateway wrote no bootstrap token for " + msp + " to " + file
                        + " (see logs/gateway.log); an organisation that already has an admin gets none: start with"
                        + " --reset for a new stack.");
            }
            Thread.sleep(250);
        }
    }

    private static Properties readTokens(Path file) {
        Properties tokens = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                tokens.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        return tokens;
    }
}
