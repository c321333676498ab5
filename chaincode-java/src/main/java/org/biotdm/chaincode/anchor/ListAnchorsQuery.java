package org.biotdm.chaincode.anchor;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.PageRequest;

/**
 * Reads the ListAnchors argument: {@code {"from","to","pageSize"?,"bookmark"?}}; it selects anchors whose
 * {@code startTime} lies in {@code [from, to)}, epoch milliseconds.
 */
public final class ListAnchorsQuery {
    private final Long from;
    private final Long to;
    private final Long pageSize;
    private final String bookmark;

    /**
     * Creates the query; Genson calls this constructor.
     *
     * @param from the earliest window start, inclusive
     * @param to the latest window start, exclusive
     * @param pageSize the page size, or {@code null}
     * @param bookmark the bookmark, or {@code null}
     */
    public ListAnchorsQuery(
            @JsonProperty("from") final Long from,
            @JsonProperty("to") final Long to,
            @JsonProperty("pageSize") final Long pageSize,
            @JsonProperty("bookmark") final String bookmark) {
        this.from = from;
        this.to = to;
        this.pageSize = pageSize;
        this.bookmark = bookmark;
    }

    /**
     * Validates the query.
     *
     * @return this query
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public ListAnchorsQuery validate() {
        if (Check.time("from", from) >= Check.time("to", to)) {
            throw Check.invalid("to", "must be after from");
        }
        page();
        return this;
    }

    long from() {
        return from;
    }

    long to() {
        return to;
    }

    PageRequest page() {
        return PageRequest.of(pageSize, bookmark);
    }
}
