package org.biotdm.gateway.automation;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.gateway.group.GroupDirectory;
import org.biotdm.gateway.group.GroupLedger;
import org.biotdm.gateway.group.LedgerGroup;
import org.biotdm.gateway.ledger.ChaincodeEventFollower;
import org.biotdm.gateway.ledger.EventCheckpoints;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerException;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link GroupDirectory} and the {@link RuleBook} equal to the ledger, on a background thread: at each
 * (re)connection a full resync of the gateway organisation's groups and rules ({@code ListGroups}, {@code ListRules}),
 * then the chaincode event stream from the checkpoint {@value #LISTENER_NAME}: every {@code Group*} event re-reads its
 * group ({@code GetGroup}, any organisation's) and every {@code Rule*} event its rule ({@code GetRule}, kept when it
 * is this organisation's). Re-reading makes replays harmless. Runs unless {@code biotdm.ledger.events-enabled} is
 * false.
 */
@Singleton
@Requires(property = "biotdm.ledger.events-enabled", notEquals = "false")
final class AutomationEventListener implements AutoCloseable {
    /** The listener's name in {@code event_checkpoints}. */
    public static final String LISTENER_NAME = "groups-and-rules";

    private static final Logger LOG = LoggerFactory.getLogger(AutomationEventListener.class);
    private static final int PAGE_SIZE = 200;

    private final GroupLedger groupLedger;
    private final RuleLedger ruleLedger;
    private final GroupDirectory groups;
    private final RuleBook rules;
    private final ObjectMapper json;
    private final String mspId;
    private final ChaincodeEventFollower follower;

    /**
     * Creates the listener; it starts with the application.
     *
     * @param client the ledger client
     * @param groupLedger the groups contract
     * @param ruleLedger the rules contract
     * @param groups the group read model
     * @param rules the rule book
     * @param checkpoints the checkpoint store
     * @param json the JSON mapper for event payloads
     * @param configuration the ledger settings
     */
    public AutomationEventListener(
            LedgerClient client,
            GroupLedger groupLedger,
            RuleLedger ruleLedger,
            GroupDirectory groups,
            RuleBook rules,
            EventCheckpoints checkpoints,
            ObjectMapper json,
            LedgerConfiguration configuration) {
        this.groupLedger = groupLedger;
        this.ruleLedger = ruleLedger;
        this.groups = groups;
        this.rules = rules;
        this.json = json;
        this.mspId = configuration.mspId();
        this.follower = new ChaincodeEventFollower(
                LISTENER_NAME,
                ChaincodeEventFollower.EventSource.of(client),
                checkpoints,
                configuration.eventsBackoff(),
                new Updates());
    }

    /**
     * Starts the listener when the application has started.
     *
     * @param event the startup event
     */
    @EventListener
    public void onStartup(StartupEvent event) {
        follower.start();
    }

    @PreDestroy
    @Override
    public void close() {
        follower.stop();
    }

    /** What the follower does: resync before each stream, then apply each group or rule event. */
    private final class Updates implements ChaincodeEventFollower.Handler {
        @Override
        public void beforeStream() throws LedgerException {
            resync();
        }

        @Override
        public boolean onEvent(ChaincodeEvent event) throws LedgerException {
            apply(event);
            return true;
        }
    }

    /**
     * Reads every page of the organisation's groups and rules and replaces the held ones.
     *
     * @throws LedgerException when the ledger cannot be read
     */
    void resync() throws LedgerException {
        if (mspId == null) {
            return;
        }
        List<LedgerGroup> ownGroups = new ArrayList<>();
        String bookmark = null;
        do {
            GroupLedger.GroupPage page = groupLedger.list(mspId, PAGE_SIZE, bookmark);
            ownGroups.addAll(page.records());
            bookmark = page.bookmark().isEmpty() ? null : page.bookmark();
        } while (bookmark != null);
        List<LedgerRule> ownRules = new ArrayList<>();
        do {
            RuleLedger.RulePage page = ruleLedger.list(mspId, PAGE_SIZE, bookmark);
            ownRules.addAll(page.records());
            bookmark = page.bookmark().isEmpty() ? null : page.bookmark();
        } while (bookmark != null);
        groups.replaceOwner(mspId, ownGroups);
        rules.replaceAll(ownRules);
        LOG.info("groups and automation rules resynchronised: {} groups, {} rules", ownGroups.size(), ownRules.size());
    }

    private void apply(ChaincodeEvent event) throws LedgerException {
        String name = event.getEventName();
        String key = key(event);
        if (name.startsWith("Group") && key != null && key.startsWith("group:")) {
            groups.refresh(groupLedger, key.substring("group:".length()));
        } else if (name.startsWith("Rule") && key != null && key.startsWith("rule:")) {
            ruleLedger
                    .get(key.substring("rule:".length()))
                    .filter(rule -> rule.ownerMsp().equals(mspId))
                    .ifPresent(rules::apply);
        }
    }

    private String key(ChaincodeEvent event) {
        try {
            return json.readValue(event.getPayload(), EventKey.class).key();
        } catch (IOException e) {
            LOG.warn("event in transaction {} has no readable payload", event.getTransactionId());
            return null;
        }
    }

    /** The property of a chaincode event payload naming the entity, {@code <entity>:<id>}. */
    @Serdeable
    record EventKey(@Nullable String key) {}
}
