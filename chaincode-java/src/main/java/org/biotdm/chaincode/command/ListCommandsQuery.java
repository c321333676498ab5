package org.biotdm.chaincode.command;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.PageRequest;

/**
 * Reads the ListCommandsByDevice argument: {@code {"deviceId","pageSize"?,"bookmark"?}}.
 */
public final class ListCommandsQuery {
    private final String deviceId;
    private final Long pageSize;
    private final String bookmark;

    /**
     * Creates the query; Genson calls this constructor.
     *
     * @param deviceId the device
     * @param pageSize the page size, or {@code null}
     * @param bookmark the bookmark, or {@code null}
     */
    public ListCommandsQuery(
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("pageSize") final Long pageSize,
            @JsonProperty("bookmark") final String bookmark) {
        this.deviceId = deviceId;
        this.pageSize = pageSize;
        this.bookmark = bookmark;
    }

    /**
     * Validates the query.
     *
     * @return this query
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public ListCommandsQuery validate() {
        Check.id("deviceId", deviceId);
        page();
        return this;
    }

    String deviceId() {
        return deviceId;
    }

    PageRequest page() {
        return PageRequest.of(pageSize, bookmark);
    }
}
