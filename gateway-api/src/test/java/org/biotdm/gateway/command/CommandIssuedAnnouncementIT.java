package org.biotdm.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.biotdm.gateway.live.LiveEvent;
import org.biotdm.gateway.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code ISSUED} live event of a command is sent on the issuing instance even when another instance's {@link
 * CommandIssuedFollower} wrote the row first, and once per instance when both its follower and its issuer record it.
 * The other instance is played by its conditional update on the shared database.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.test.command-events", value = "true")
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
@Property(name = "biotdm.ingress.enabled", value = "false")
class CommandIssuedAnnouncementIT implements TestPropertyProvider {
    @Inject
    CommandRepository repository;

    @Inject
    CommandEvents events;

    @Inject
    Collector collector;

    @Override
    public Map<String, String> getProperties() {
        return TestGateway.properties("announce", false);
    }

    @Test
    void the_issuer_announces_issued_when_another_instances_follower_recorded_the_command_first() {
        CommandRecord row = issuing("announce-other");
        LedgerCommand onChain = onChain(row);
        assertThat(repository.markIssued(onChain, "tx-issue-1"))
                .as("the other instance's follower")
                .isTrue();

        assertThat(events.recordIssued(repository, row, onChain, "tx-issue-1"))
                .hasValueSatisfying(now -> assertThat(now.state()).isEqualTo(CommandState.ISSUED));

        assertThat(collector.of(row.commandId())).singleElement().satisfies(event -> assertThat(event.data())
                .containsEntry("state", "ISSUED")
                .containsEntry("transactionId", "tx-issue-1"));
    }

    @Test
    void an_instance_whose_follower_and_issuer_both_record_a_command_announces_it_once() {
        CommandRecord row = issuing("announce-twice");
        LedgerCommand onChain = onChain(row);

        events.recordIssued(repository, row, onChain, "tx-issue-2");
        events.recordIssued(repository, row, onChain, "tx-issue-2");

        assertThat(collector.of(row.commandId())).hasSize(1);
    }

    @Test
    void a_command_gone_from_the_table_is_not_announced() {
        CommandRecord row = issuing("announce-gone");
        repository.deleteIssuing(row.commandId());

        assertThat(events.recordIssued(repository, row, onChain(row), "tx-issue-3"))
                .isEmpty();
        assertThat(collector.of(row.commandId())).isEmpty();
    }

    private CommandRecord issuing(String prefix) {
        long now = System.currentTimeMillis();
        String id = prefix + "-" + System.nanoTime();
        CommandRecord row = CommandRecord.issuing(
                id,
                "announce-device",
                "Org1MSP",
                "reboot",
                "{}",
                "11".repeat(32),
                1,
                "operator",
                "x509::CN=operator",
                now,
                now + 600_000,
                null);
        assertThat(repository.insertIssuing(row)).isTrue();
        return row;
    }

    private static LedgerCommand onChain(CommandRecord row) {
        return new LedgerCommand(
                row.commandId(),
                row.deviceId(),
                row.ownerMsp(),
                row.commandType(),
                row.parametersSha256(),
                row.expiresAt(),
                "grant-1",
                CommandState.ISSUED,
                row.createdAt(),
                row.issuerFabricId(),
                "Org1MSP",
                null,
                null,
                null,
                null,
                row.createdAt(),
                row.issuerFabricId(),
                "Org1MSP",
                null);
    }

    /** Collects the published {@code command} live events. */
    @Singleton
    @Requires(property = "biotdm.test.command-events", value = "true")
    static class Collector implements ApplicationEventListener<LiveEvent> {
        private final List<LiveEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(LiveEvent event) {
            if (CommandEvents.TYPE.equals(event.type())) {
                events.add(event);
            }
        }

        List<LiveEvent> of(String commandId) {
            return events.stream()
                    .filter(event -> commandId.equals(event.data().get("commandId")))
                    .toList();
        }
    }
}
