package org.biotdm.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.biotdm.gateway.command.CommandFixture;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.UserService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /ws/events} sessions end with their authorisation on the running gateway: when the access token that opened
 * them expires (a short {@code biotdm.users.access-token-ttl} here) and when an admin disables the person, here or
 * through another instance (within {@code biotdm.users.token-state-ttl}, 1 s here).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveSessionLifetimeIT implements TestPropertyProvider {
    private static final int TTL_SECONDS = 8;

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = CommandFixture.properties("live_lifetime");
        properties.put("biotdm.users.access-token-ttl", TTL_SECONDS + "s");
        properties.put("biotdm.users.token-state-ttl", "1s");
        return properties;
    }

    @Test
    void disabling_a_person_closes_their_session_at_once_and_leaves_others_open() throws Exception {
        TestUsers.Session admin = TestUsers.create(context, 0, ApiRole.ADMIN);
        TestUsers.Session disabled = TestUsers.create(context, 0, ApiRole.AUDITOR);
        TestUsers.Session kept = TestUsers.create(context, 0, ApiRole.AUDITOR);
        LiveEventsIT.Listener gone = connect(disabled);
        LiveEventsIT.Listener open = connect(kept);

        context.getBean(UserService.class)
                .setEnabled(admin.user(), disabled.user().username(), false);

        assertThat(gone.closed.get(TTL_SECONDS, TimeUnit.SECONDS)).isEqualTo("4001 AUTH_INVALID");
        assertThat(open.closed)
                .as("the other person's session, opened as late with as long a token, is still open")
                .isNotDone();
        open.socket.abort();
    }

    @Test
    void a_person_disabled_through_another_instance_loses_their_session_within_the_token_state_ttl() throws Exception {
        TestUsers.Session person = TestUsers.create(context, 0, ApiRole.AUDITOR);
        LiveEventsIT.Listener gone = connect(person);

        // Another instance shares only the database: it disables the person and raises their token version there.
        DataSource database = context.getBean(DataSource.class);
        DataSource raw = context.findBean(DataSourceResolver.class)
                .map(resolver -> resolver.resolve(database))
                .orElse(database);
        try (var connection = raw.getConnection();
                var update = connection.prepareStatement(
                        "UPDATE users SET enabled = FALSE,"
                                + " token_version = token_version + 1, tokens_revoked_at = CURRENT_TIMESTAMP(3) WHERE id = ?")) {
            update.setLong(1, person.user().userId());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        assertThat(gone.closed.get(TTL_SECONDS, TimeUnit.SECONDS)).isEqualTo("4001 AUTH_INVALID");
    }

    @Test
    void a_session_closes_when_the_access_token_that_opened_it_expires() throws Exception {
        LiveEventsIT.Listener listener = connect(TestUsers.create(context, 0, ApiRole.OPERATOR));

        assertThat(listener.closed.get(TTL_SECONDS * 4L, TimeUnit.SECONDS)).isEqualTo("4001 AUTH_INVALID");
    }

    private LiveEventsIT.Listener connect(TestUsers.Session person) throws InterruptedException {
        return LiveEventsIT.Listener.connect(server, person);
    }
}
