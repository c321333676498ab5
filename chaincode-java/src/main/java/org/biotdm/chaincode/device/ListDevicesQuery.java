package org.biotdm.chaincode.device;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.PageRequest;

/**
 * Reads the ListDevices argument:
 * {@code {"ownerMsp"?:"Org1MSP","status"?:"ACTIVE","group"?:"plant-3","pageSize"?:50,"bookmark"?:""}}.
 * {@code group} needs {@code ownerMsp} (groups are per organisation) and excludes {@code status}.
 */
public final class ListDevicesQuery {
    private final String ownerMsp;
    private final DeviceStatus status;
    private final String group;
    private final Long pageSize;
    private final String bookmark;

    /**
     * Creates the query; Genson calls this constructor.
     *
     * @param ownerMsp the owner MSP filter, or {@code null}
     * @param status the status filter, or {@code null}
     * @param group the group filter, or {@code null}
     * @param pageSize the page size, or {@code null}
     * @param bookmark the bookmark, or {@code null}
     */
    public ListDevicesQuery(
            @JsonProperty("ownerMsp") final String ownerMsp,
            @JsonProperty("status") final DeviceStatus status,
            @JsonProperty("group") final String group,
            @JsonProperty("pageSize") final Long pageSize,
            @JsonProperty("bookmark") final String bookmark) {
        this.ownerMsp = ownerMsp;
        this.status = status;
        this.group = group;
        this.pageSize = pageSize;
        this.bookmark = bookmark;
    }

    /**
     * Validates the query.
     *
     * @return this query
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public ListDevicesQuery validate() {
        Check.optionalId("ownerMsp", ownerMsp);
        Check.optionalId("group", group);
        if (group != null && (ownerMsp == null || status != null)) {
            throw Check.invalid("group", "needs ownerMsp and cannot be combined with status");
        }
        page();
        return this;
    }

    String ownerMsp() {
        return ownerMsp;
    }

    DeviceStatus status() {
        return status;
    }

    String group() {
        return group;
    }

    PageRequest page() {
        return PageRequest.of(pageSize, bookmark);
    }
}
