package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import org.biotdm.gateway.grant.OperatorDirectory.Person;

/**
 * Reads the {@code users} table (owned by the users feature) through the few columns a grant needs. Every call takes its
 * own connection in auto-commit, outside any transaction of the caller.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
@Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
interface OperatorRows extends GenericRepository<OperatorRows.Operator, Long> {

    /**
     * Finds a user of an organisation by name and state.
     *
     * @param username the user name
     * @param mspId the organisation's MSP ID
     * @param enabled the state to match
     * @return the person's role and Fabric ID, or empty
     */
    Optional<Person> findByUsernameAndMspIdAndEnabled(String username, String mspId, boolean enabled);

    /**
     * The columns of a {@code users} row that grants read.
     *
     * @param id the user ID
     * @param username the login name
     * @param mspId the organisation's MSP ID
     * @param role the role name
     * @param fabricId the Fabric ID, or null
     * @param enabled false once an admin disabled the user
     */
    @MappedEntity("users")
    record Operator(
            @Id long id, String username, String mspId, String role, @Nullable String fabricId, boolean enabled) {}
}
