package org.biotdm.chaincode.automation;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import org.biotdm.chaincode.support.Check;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds why an automation rule issued a command, as IssueCommand takes it and the command record keeps it:
 * {@code {"ruleId","windowId"?,"readingIds":[…]}}, the rule, the anchoring window of the triggering readings when the
 * gateway knows it, and 1 to {@value #MAX_READINGS} triggering reading ids.
 */
@DataType
public final class RuleTrigger {
    /** Most reading ids one trigger names. */
    public static final int MAX_READINGS = 32;

    @Property
    private final String ruleId;

    @Property
    private final String windowId;

    @Property
    private final List<String> readingIds;

    /**
     * Creates a trigger; Genson uses this constructor for requests and stored records.
     *
     * @param ruleId the rule id
     * @param windowId the anchoring window id, or {@code null}
     * @param readingIds the triggering reading ids
     */
    public RuleTrigger(
            @JsonProperty("ruleId") final String ruleId,
            @JsonProperty("windowId") final String windowId,
            @JsonProperty("readingIds") final List<String> readingIds) {
        this.ruleId = ruleId;
        this.windowId = windowId;
        this.readingIds = readingIds;
    }

    /**
     * Checks a trigger and returns it with its reading ids sorted.
     *
     * @param trigger the trigger, possibly {@code null}
     * @return the checked trigger, or {@code null} when none was given
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public static RuleTrigger validated(final RuleTrigger trigger) {
        if (trigger == null) {
            return null;
        }
        return new RuleTrigger(
                Check.id("rule.ruleId", trigger.ruleId),
                Check.optionalId("rule.windowId", trigger.windowId),
                Check.idSet("rule.readingIds", trigger.readingIds, MAX_READINGS));
    }

    /**
     * Returns the rule id.
     *
     * @return the id
     */
    public String getRuleId() {
        return ruleId;
    }

    /**
     * Returns the anchoring window of the triggering readings.
     *
     * @return the window id, or {@code null}
     */
    public String getWindowId() {
        return windowId;
    }

    /**
     * Returns the triggering reading ids, sorted.
     *
     * @return the ids
     */
    public List<String> getReadingIds() {
        return readingIds;
    }
}
