package org.biotdm.gateway.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.LedgerJson;
import org.biotdm.gateway.ledger.LedgerResult;

/**
 * Typed access to the chaincode's {@code rules} contract (chaincode-java/README.md, "Automation rules"). Writes take
 * the calling admin's identity and are endorsed by the organisations the rule's key-level policy names ({@link
 * LedgerClient#submitEndorsedBy}); reads use the gateway's identity. Every method blocks; writes wait for the commit.
 */
@Singleton
final class RuleLedger {
    /** The contract name in the BIoT-DM chaincode. */
    public static final String CONTRACT = "rules";

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public RuleLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Submits {@code RegisterRule} or {@code UpdateRule}.
     *
     * @param caller an {@code admin} of the owner organisation
     * @param args the rule, its parameters as canonical JSON text
     * @param update true for UpdateRule
     * @param endorsers the organisations besides the caller's whose peers must endorse
     * @return the written rule and its transaction
     * @throws LedgerException {@code RULE_EXISTS}, {@code RULE_NOT_FOUND}, {@code DEVICE_NOT_FOUND}, {@code
     *     GROUP_NOT_FOUND}, {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}, {@code LEDGER_TRANSACTION_INVALID}, or a ledger
     *     failure
     */
    public RuleChangeResponse write(LedgerIdentity caller, RuleArgs args, boolean update, List<String> endorsers)
            throws LedgerException {
        return submit(caller, update ? "UpdateRule" : "RegisterRule", args.ruleId(), args, endorsers);
    }

    /**
     * Submits {@code EnableRule} or {@code DisableRule}.
     *
     * @param caller an {@code admin} of the owner organisation
     * @param rule the rule as last read, for its endorsing organisations
     * @param enabled the new flag
     * @return the written rule and its transaction
     * @throws LedgerException {@code RULE_NOT_FOUND}, {@code ACCESS_DENIED}, {@code LEDGER_TRANSACTION_INVALID}, or a ledger
     *     failure
     */
    public RuleChangeResponse setEnabled(LedgerIdentity caller, LedgerRule rule, boolean enabled)
            throws LedgerException {
        return submit(
                caller,
                enabled ? "EnableRule" : "DisableRule",
                rule.ruleId(),
                new SwitchArgs(rule.ruleId()),
                rule.endorsingMsps());
    }

    /**
     * Evaluates {@code GetRule} as the gateway.
     *
     * @param ruleId the rule
     * @return the rule, or empty on {@code RULE_NOT_FOUND}
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public Optional<LedgerRule> get(String ruleId) throws LedgerException {
        try {
            return Optional.of(LedgerJson.read(
                    json, client.evaluate(client.gatewayIdentity(), CONTRACT, "GetRule", ruleId), LedgerRule.class));
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.RULE_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Evaluates {@code ListRules} as the gateway.
     *
     * @param ownerMsp the owner organisation
     * @param pageSize 1–200, or null for 50
     * @param bookmark the previous page's bookmark, or null
     * @return the page
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public RulePage list(String ownerMsp, @Nullable Integer pageSize, @Nullable String bookmark)
            throws LedgerException {
        String query = LedgerJson.write(json, new ListArgs(ownerMsp, pageSize, bookmark));
        return LedgerJson.read(
                json, client.evaluate(client.gatewayIdentity(), CONTRACT, "ListRules", query), RulePage.class);
    }

    private RuleChangeResponse submit(
            LedgerIdentity caller, String function, String ruleId, Object argument, List<String> endorsers)
            throws LedgerException {
        LedgerResult result = client.submitEndorsedBy(
                caller, CONTRACT, function, "rule:" + ruleId, LedgerJson.write(json, argument), endorsers);
        return new RuleChangeResponse(
                LedgerJson.read(json, result.payload(), LedgerRule.class),
                result.transactionId(),
                result.blockNumber());
    }

    /**
     * The argument of RegisterRule and UpdateRule.
     *
     * @param ruleId the rule ID
     * @param description free text, or null
     * @param condition the condition
     * @param action the action, parameters as canonical JSON text
     * @param cooldownSeconds the cooldown, seconds
     * @param enabled the flag, or null
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleArgs(
            String ruleId,
            @Nullable String description,
            RuleConditionBody condition,
            ActionArgs action,
            long cooldownSeconds,
            @Nullable Boolean enabled) {}

    /**
     * A rule action as RegisterRule takes it.
     *
     * @param commandType the command type
     * @param parameters the canonical JSON text of the parameters object
     * @param deviceId the target device, or null
     * @param groupId the target group, or null
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActionArgs(
            String commandType, String parameters, @Nullable String deviceId, @Nullable String groupId) {}

    /**
     * One page of {@code ListRules}.
     *
     * @param bookmark where the next page starts, empty on the last page
     * @param fetchedCount how many records the page holds
     * @param records the rules
     */
    @Serdeable
    public record RulePage(@Nullable String bookmark, int fetchedCount, @Nullable List<LedgerRule> records) {
        /**
         * Normalises absent values.
         *
         * @param bookmark the bookmark
         * @param fetchedCount the count
         * @param records the records
         */
        public RulePage {
            bookmark = bookmark == null ? "" : bookmark;
            records = records == null ? List.of() : List.copyOf(records);
        }
    }

    /** The argument of EnableRule and DisableRule. */
    @Serdeable
    record SwitchArgs(String ruleId) {}

    /** The argument of ListRules. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListArgs(String ownerMsp, @Nullable Integer pageSize, @Nullable String bookmark) {}
}
