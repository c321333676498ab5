package org.biotdm.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.TransactionSystemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class RepositoryCallsTest {

    @Test
    void a_result_passes_through() throws Exception {
        assertThat(RepositoryCalls.call(() -> 42)).isEqualTo(42);
    }

    @Test
    void a_failed_statement_surfaces_as_the_drivers_exception() {
        SQLException driver = new SQLException("Duplicate entry", "23000", 1062);

        assertThatThrownBy(() -> RepositoryCalls.call(() -> {
                    throw new DataAccessException("Error executing SQL UPDATE", driver);
                }))
                .isSameAs(driver);
    }

    @Test
    void an_unreachable_database_behind_a_failed_commit_stays_classified_as_unavailable() {
        SQLTransientConnectionException down = new SQLTransientConnectionException("Connection is not available");

        assertThatThrownBy(() -> RepositoryCalls.run(() -> {
                    throw new TransactionSystemException("Could not commit", new IllegalStateException(down));
                }))
                .isSameAs(down)
                .satisfies(e -> assertThat(Databases.isUnavailable(e)).isTrue());
    }

    @Test
    void a_failure_without_sql_cause_is_rethrown_unchanged() {
        IllegalStateException bug = new IllegalStateException("no current connection");

        assertThatThrownBy(() -> RepositoryCalls.call(() -> {
                    throw bug;
                }))
                .isSameAs(bug);
    }
}
