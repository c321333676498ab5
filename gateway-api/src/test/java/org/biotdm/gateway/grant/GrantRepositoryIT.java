package org.biotdm.gateway.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The {@code device_grants} mirror through its Micronaut Data mapping, on embedded MariaDB. */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
class GrantRepositoryIT implements TestPropertyProvider {
    @Inject
    GrantRepository repository;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return TestGateway.properties("grant_repository", false);
    }

    @BeforeEach
    void empty() throws Exception {
        repository.replaceAll(List.of());
    }

    @Test
    void a_group_grant_to_a_whole_msp_keeps_its_nulls_and_command_types() throws Exception {
        LedgerGrant grant = grant("g-1", null, null, "cold-chain", List.of("reboot", "set_interval"));

        repository.apply(grant);

        assertThat(repository.findAll()).containsExactly(grant);
    }

    @Test
    void a_device_grant_to_one_person_round_trips_and_a_later_record_replaces_it() throws Exception {
        repository.apply(grant("g-2", "x509::CN=op1::CN=ca", "d-7", null, List.of("reboot")));
        LedgerGrant renewed = grant("g-2", "x509::CN=op1::CN=ca", "d-7", null, List.of("reboot", "ota"));

        repository.apply(renewed);

        assertThat(repository.findAll()).containsExactly(renewed);
    }

    @Test
    void a_revoked_record_deletes_the_row() throws Exception {
        LedgerGrant grant = grant("g-3", null, "d-8", null, List.of("reboot"));
        repository.apply(grant);

        repository.apply(revoked(grant));

        assertThat(repository.findAll()).isEmpty();
    }

    @Test
    void replace_all_leaves_exactly_the_given_grants() throws Exception {
        repository.apply(grant("g-4", null, "d-9", null, List.of("reboot")));
        LedgerGrant kept = grant("g-5", null, null, "north", List.of("ota"));

        repository.replaceAll(List.of(kept));

        assertThat(repository.findAll()).containsExactly(kept);
    }

    @Test
    void a_write_stands_when_the_callers_transaction_rolls_back() throws Exception {
        LedgerGrant grant = grant("g-6", null, "d-10", null, List.of("reboot"));

        assertThatThrownBy(() -> transactions.executeWrite(status -> {
                    applyUnchecked(grant);
                    throw new IllegalStateException("caller fails");
                }))
                .hasMessageContaining("caller fails");

        assertThat(repository.findAll()).containsExactly(grant);
    }

    private void applyUnchecked(LedgerGrant grant) {
        try {
            repository.apply(grant);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LedgerGrant grant(
            String id, String granteeId, String deviceId, String deviceGroup, List<String> commandTypes) {
        return new LedgerGrant(
                id,
                "Org1MSP",
                "Org2MSP",
                granteeId,
                deviceId,
                deviceGroup,
                commandTypes,
                1_900_000_000_123L,
                LedgerGrant.ACTIVE,
                null,
                1_800_000_000_456L,
                1_800_000_000_789L,
                null,
                null);
    }

    private static LedgerGrant revoked(LedgerGrant grant) {
        return new LedgerGrant(
                grant.grantId(),
                grant.ownerMsp(),
                grant.granteeMsp(),
                grant.granteeId(),
                grant.deviceId(),
                grant.deviceGroup(),
                grant.commandTypes(),
                grant.expiresAt(),
                "REVOKED",
                "no longer needed",
                grant.grantedAt(),
                grant.updatedAt() + 1,
                "x509::CN=admin::CN=ca",
                "Org1MSP");
    }
}
