package org.biotdm.chaincode.group;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.PageRequest;

/** Reads the ListGroups argument: {@code {"ownerMsp","pageSize"?,"bookmark"?}}. */
public final class ListGroupsQuery {
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
    public ListGroupsQuery(
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
    ListGroupsQuery validate() {
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
