package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.PageRequest;

/**
 * Reads the ListFirmware argument: {@code {"model","pageSize"?,"bookmark"?}}.
 */
public final class ListFirmwareQuery {
    private final String model;
    private final Long pageSize;
    private final String bookmark;

    /**
     * Creates the query; Genson calls this constructor.
     *
     * @param model the device model
     * @param pageSize the page size, or {@code null}
     * @param bookmark the bookmark, or {@code null}
     */
    public ListFirmwareQuery(
            @JsonProperty("model") final String model,
            @JsonProperty("pageSize") final Long pageSize,
            @JsonProperty("bookmark") final String bookmark) {
        this.model = model;
        this.pageSize = pageSize;
        this.bookmark = bookmark;
    }

    /**
     * Validates the query.
     *
     * @return this query
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public ListFirmwareQuery validate() {
        Check.model("model", model);
        page();
        return this;
    }

    String model() {
        return model;
    }

    PageRequest page() {
        return PageRequest.of(pageSize, bookmark);
    }
}
