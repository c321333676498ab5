package org.biotdm.cli.stack;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import org.biotdm.cli.Credentials;
import picocli.CommandLine.Option;

/**
 * The options of a command that signs a person in to a gateway's API: {@code --api-url}, {@code --username} and
 * {@code --password-env}, each defaulting to the stack running on {@code --data-dir} and the person {@code up}
 * recorded in its {@code credentials.properties}. A picocli mixin, beside {@link RunningStackOptions}.
 */
public final class ApiLoginOptions {
    @Option(names = "--api-url", paramLabel = "URL", description = "The gateway's API (default: the running stack's).")
    URI apiUrl;

    @Option(
            names = "--username",
            paramLabel = "NAME",
            description = "Sign in as this person (default: the one in the data directory's credentials.properties).")
    String username;

    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description = "Environment variable holding --username's password.")
    String passwordEnv;

    /**
     * Returns the API's URL.
     *
     * @param stack the running stack's options
     * @return {@code --api-url}, else the URL of the stack running on the data directory
     * @throws StackException when neither is there
     */
    public URI apiUrl(RunningStackOptions stack) {
        if (apiUrl != null) {
            return apiUrl;
        }
        return stack.running()
                .map(StackInfo::apiUrl)
                .orElseThrow(() -> new StackException("No stack runs on "
                        + stack.dataDir().root() + ": start one with scripts/biotdm up (or give --api-url)"));
    }

    /**
     * Returns the login of an organisation's person.
     *
     * @param stack the running stack's options
     * @param mspId the organisation whose person {@code credentials.properties} is asked for
     * @param role the role, for example {@code admin}
     * @return {@code --username} with the password in {@code $VAR}, else the organisation's person of that role
     * @throws StackException when {@code --password-env} is missing or empty, or the data directory has no such person
     */
    public Credentials.Login login(RunningStackOptions stack, String mspId, String role) {
        return given().orElseGet(() -> recorded(stack, role, credentials -> credentials.find(mspId, role)));
    }

    /**
     * Returns the login of a person of any organisation.
     *
     * @param stack the running stack's options
     * @param role the role, for example {@code auditor}
     * @return {@code --username} with the password in {@code $VAR}, else the first person of that role in {@code
     *     credentials.properties}
     * @throws StackException when {@code --password-env} is missing or empty, or the data directory has no such person
     */
    public Credentials.Login login(RunningStackOptions stack, String role) {
        return given().orElseGet(() -> recorded(stack, role, credentials -> credentials.findAny(role)));
    }

    private Optional<Credentials.Login> given() {
        if (username == null) {
            return Optional.empty();
        }
        String password = Optional.ofNullable(passwordEnv).map(System::getenv).orElse(null);
        if (password == null) {
            throw new StackException("--username needs --password-env VAR with the password in $VAR");
        }
        return Optional.of(new Credentials.Login(username, password));
    }

    private static Credentials.Login recorded(
            RunningStackOptions stack, String role, Function<Credentials, Optional<Credentials.Login>> find) {
        DataDir dir = stack.dataDir();
        return find.apply(Credentials.load(dir.credentials()))
                .orElseThrow(() -> new StackException("No " + role + " in " + dir.credentials()
                        + ": scripts/biotdm up creates one on first start, or give --username and --password-env"));
    }
}
