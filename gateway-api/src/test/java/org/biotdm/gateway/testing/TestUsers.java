package org.biotdm.gateway.testing;

import io.micronaut.context.ApplicationContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.TokenResponse;
import org.biotdm.gateway.users.UserService;

/**
 * Creates people for integration tests through the production path ({@link UserService#createUser}: a real Fabric
 * identity enrolled with the devnet organisation's CA, the key encrypted in MariaDB) and signs them in. The test's
 * application context must have {@link TestDevnet#ledgerProperties} (which carries the enrolment settings) and a
 * database.
 */
public final class TestUsers {
    /** The password every test person gets. */
    public static final String PASSWORD = "correct horse battery staple";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestUsers() {}

    /**
     * A signed-in test person.
     *
     * @param user the person
     * @param accessToken the bearer token
     * @param refreshToken the refresh token
     */
    public record Session(ApiUser user, String accessToken, String refreshToken) {
        /**
         * Returns the {@code Authorization} header value.
         *
         * @return {@code Bearer <token>}
         */
        public String bearer() {
            return "Bearer " + accessToken;
        }

        /**
         * Returns the caller a test client passes to call the API as this person.
         *
         * @return the caller with this session's access token
         */
        public Caller caller() {
            return Caller.bearer(accessToken);
        }
    }

    /**
     * Creates a person with a unique username and signs them in.
     *
     * @param context the running application
     * @param orgIndex 0 for Org1MSP, 1 for Org2MSP, 2 for Org3MSP
     * @param role the role
     * @return the session
     */
    public static Session create(ApplicationContext context, int orgIndex, ApiRole role) {
        String msp = "Org" + (orgIndex + 1) + "MSP";
        String username = role.value() + "-" + (orgIndex + 1) + "-"
                + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        UserService users = context.getBean(UserService.class);
        ApiUser user = users.createUser(null, msp, username, PASSWORD, role);
        TokenResponse tokens = users.issueTokens(user);
        return new Session(user, tokens.accessToken(), tokens.refreshToken());
    }
}
