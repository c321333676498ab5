package org.biotdm.chaincode.automation;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.PageRequest;

/** Reads the ListRules argument: {@code {"ownerMsp","pageSize"?,"bookmark"?}}. */
public final class ListRulesQuery {
    private final String ownerMsp;
    private final Long pageSize;
    private final String bookmark;

    /**
     * Creates the query; Genson calls this constructor.
     *
     * @param ownerMsp the owner organisation
     * @param pageSize the page size, or {@code null}
     * @param bookmark the bookmark, or {@code null}
     */
    public ListRulesQuery(
            @JsonProperty("ownerMsp") final String ownerMsp,
            @JsonProperty("pageSize") final Long pageSize,
            @JsonProperty("bookmark") final String bookmark) {
        this.ownerMsp = ownerMsp;
        this.pageSize = pageSize;
        this.bookmark = bookmark;
    }

    /**
     * Validates the query.
     *
     * @return this query
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    ListRulesQuery validate() {
        Check.id("ownerMsp", ownerMsp);
        page();
        return this;
    }

    String ownerMsp() {
        return ownerMsp;
    }

    PageRequest page() {
        return PageRequest.of(pageSize, bookmark);
    }
}
