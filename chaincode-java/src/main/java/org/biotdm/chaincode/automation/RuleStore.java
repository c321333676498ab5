package org.biotdm.chaincode.automation;

import java.util.Optional;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Ledger;
import org.biotdm.chaincode.support.OrganisationGuard;
import org.biotdm.chaincode.support.OwnerEndorsement;
import org.biotdm.chaincode.support.Page;
import org.biotdm.chaincode.support.PageRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Owns the rule keys: the record under {@code biotdm.rule/<ruleId>}, whose key-level endorsement policy every write
 * sets to the record's {@code endorsingMsps}, and the owner index {@code biotdm.rule.owner/<ownerMsp>/<ruleId>}.
 * Registration also writes the owner's organisation guard, so the owner endorses the new key.
 */
public final class RuleStore {
    private final ChaincodeStub stub;

    /**
     * Creates the store.
     *
     * @param stub the chaincode stub
     */
    public RuleStore(final ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Returns the world-state key of a rule record.
     *
     * @param ruleId the rule id
     * @return the composite key
     */
    public static String key(final String ruleId) {
        return Keys.of(Keys.RULE, ruleId);
    }

    /**
     * Looks a rule up.
     *
     * @param ruleId the rule id
     * @return the record, or empty
     */
    public Optional<AutomationRule> find(final String ruleId) {
        final byte[] value = stub.getState(key(ruleId));
        return value == null || value.length == 0
                ? Optional.empty()
                : Optional.of(Json.read(value, AutomationRule.class));
    }

    /**
     * Reads a rule that must exist.
     *
     * @param ruleId the rule id
     * @return the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code RULE_NOT_FOUND}
     */
    public AutomationRule get(final String ruleId) {
        return find(ruleId).orElseThrow(() -> ErrorCode.RULE_NOT_FOUND.error("Rule " + ruleId + " does not exist"));
    }

    void create(final AutomationRule rule) {
        OrganisationGuard.touch(stub, rule.getOwnerMsp());
        stub.putState(Keys.of(Keys.RULE_BY_OWNER, rule.getOwnerMsp(), rule.getRuleId()), Keys.indexValue());
        update(rule);
    }

    void update(final AutomationRule rule) {
        stub.putState(key(rule.getRuleId()), Json.bytes(rule));
        OwnerEndorsement.requireAll(stub, key(rule.getRuleId()), rule.getEndorsingMsps());
    }

    Page<AutomationRule> list(final ListRulesQuery query) {
        final PageRequest page = query.page();
        return Ledger.page(
                stub.getStateByPartialCompositeKeyWithPagination(
                        Keys.prefix(Keys.RULE_BY_OWNER, query.ownerMsp()), page.pageSize(), page.bookmark()),
                entry -> find(Keys.lastAttribute(entry.getKey())).orElse(null));
    }
}
