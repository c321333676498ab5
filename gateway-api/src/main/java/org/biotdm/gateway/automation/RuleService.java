package org.biotdm.gateway.automation;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.biotdm.gateway.command.AutomatedCommands;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;

/**
 * Writes automation rules on the ledger as the calling admin and reads them for the people of their organisation. A
 * committed write reaches the {@link RuleBook} at once (the chaincode event re-applies it later). Another
 * organisation's rule is refused with {@code ACCESS_DENIED} before any transaction.
 */
@Singleton
final class RuleService {
    /** Largest canonical parameters text of a rule's action, as the chaincode accepts. */
    static final int MAX_PARAMETERS_BYTES = 1024;

    private final RuleLedger ledger;
    private final RuleBook book;
    private final UserLedgerIdentities identities;

    /**
     * Creates the service.
     *
     * @param ledger the rules contract
     * @param book the in-memory rules
     * @param identities the people's Fabric identities
     */
    public RuleService(RuleLedger ledger, RuleBook book, UserLedgerIdentities identities) {
        this.ledger = ledger;
        this.book = book;
        this.identities = identities;
    }

    /**
     * Registers or replaces a rule of the caller's organisation.
     *
     * @param user an admin
     * @param pathRuleId the rule named by the path (update), or null (registration)
     * @param request the rule
     * @return the rule and its transaction
     * @throws ApiException 400 {@code INVALID_ARGUMENT}; 403 {@code ACCESS_DENIED}; 404 {@code RULE_NOT_FOUND},
     *     {@code DEVICE_NOT_FOUND}, {@code GROUP_NOT_FOUND}; 409 {@code RULE_EXISTS}; 502 {@code LEDGER_TRANSACTION_INVALID};
     *     503/504 ledger failures
     */
    public RuleChangeResponse write(ApiUser user, String pathRuleId, RuleRequest request) {
        requireAdmin(user);
        String ruleId = pathRuleId == null ? request.ruleId() : pathRuleId;
        if (ruleId == null || pathRuleId != null && request.ruleId() != null && !pathRuleId.equals(request.ruleId())) {
            throw ApiException.invalid("body.ruleId", "ruleId is required and must equal the path's");
        }
        RuleLedger.RuleArgs args = args(ruleId, request);
        List<String> endorsers =
                pathRuleId == null ? List.of() : readOwn(user, ruleId).endorsingMsps();
        try {
            return remember(ledger.write(identities.identityOf(user), args, pathRuleId != null, endorsers));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Enables or disables a rule of the caller's organisation.
     *
     * @param user an admin
     * @param ruleId the rule
     * @param enabled the new flag
     * @return the rule and its transaction
     * @throws ApiException 403 {@code ACCESS_DENIED}; 404 {@code RULE_NOT_FOUND}; 502 {@code LEDGER_TRANSACTION_INVALID};
     *     503/504 ledger failures
     */
    public RuleChangeResponse setEnabled(ApiUser user, String ruleId, boolean enabled) {
        requireAdmin(user);
        LedgerRule rule = readOwn(user, ruleId);
        try {
            return remember(ledger.setEnabled(identities.identityOf(user), rule, enabled));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Reads a rule of the caller's organisation.
     *
     * @param user any person of the rule's organisation
     * @param ruleId the rule
     * @return the rule
     * @throws ApiException 403 {@code ACCESS_DENIED}; 404 {@code RULE_NOT_FOUND}; 503 {@code LEDGER_UNAVAILABLE}
     */
    public LedgerRule get(ApiUser user, String ruleId) {
        return readOwn(user, ruleId);
    }

    /**
     * Lists the caller's organisation's rules.
     *
     * @param user any person
     * @param pageSize 1–200, or null for 50
     * @param bookmark the previous page's bookmark, or null
     * @return the page
     * @throws ApiException 400 {@code INVALID_ARGUMENT}; 503 {@code LEDGER_UNAVAILABLE}
     */
    public RuleListResponse list(ApiUser user, Integer pageSize, String bookmark) {
        try {
            RuleLedger.RulePage page =
                    ledger.list(user.mspId(), pageSize, bookmark == null || bookmark.isEmpty() ? null : bookmark);
            return new RuleListResponse(page.records(), page.bookmark().isEmpty() ? null : page.bookmark());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Tells whether a rule this gateway holds belongs to an organisation.
     *
     * @param ruleId the rule
     * @param mspId the organisation
     * @return true when the rule book holds the rule with that owner
     */
    public boolean ownedBy(String ruleId, String mspId) {
        return book.rules().stream()
                .anyMatch(rule -> rule.rule().ruleId().equals(ruleId)
                        && rule.rule().ownerMsp().equals(mspId));
    }

    private static RuleLedger.RuleArgs args(String ruleId, RuleRequest request) {
        RuleActionBody action = request.action();
        JsonNode parameters = action.parameters() == null ? JsonNode.createObjectNode(Map.of()) : action.parameters();
        String text = AutomatedCommands.canonicalParameters(parameters, MAX_PARAMETERS_BYTES, "body.action.parameters");
        return new RuleLedger.RuleArgs(
                ruleId,
                request.description(),
                request.condition(),
                new RuleLedger.ActionArgs(action.commandType(), text, action.deviceId(), action.groupId()),
                request.cooldownSeconds(),
                request.enabled());
    }

    private LedgerRule readOwn(ApiUser user, String ruleId) {
        LedgerRule rule;
        try {
            rule = ledger.get(ruleId)
                    .orElseThrow(() -> new ApiException(ErrorCode.RULE_NOT_FOUND, "No rule " + ruleId));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        if (!Objects.equals(rule.ownerMsp(), user.mspId())) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "Rule " + ruleId + " belongs to another organisation");
        }
        return rule;
    }

    private RuleChangeResponse remember(RuleChangeResponse change) {
        book.apply(change.rule());
        return change;
    }

    private static void requireAdmin(ApiUser user) {
        if (!user.is(ApiRole.ADMIN)) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "Only administrators change automation rules");
        }
    }
}
