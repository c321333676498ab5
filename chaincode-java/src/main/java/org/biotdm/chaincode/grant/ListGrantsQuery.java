package org.biotdm.chaincode.grant;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.PageRequest;
import org.hyperledger.fabric.shim.ledger.CompositeKey;

/**
 * Reads the ListGrants argument:
 * {@code {"ownerMsp"?,"deviceId"?|"deviceGroup"?,"pageSize"?,"bookmark"?}}; a device or group filter needs
 * {@code ownerMsp}.
 */
public final class ListGrantsQuery {
    private final String ownerMsp;
    private final String deviceId;
    private final String deviceGroup;
    private final Long pageSize;
    private final String bookmark;

    /**
     * Creates the query; Genson calls this constructor.
     *
     * @param ownerMsp the owner filter, or {@code null}
     * @param deviceId the device filter, or {@code null}
     * @param deviceGroup the group filter, or {@code null}
     * @param pageSize the page size, or {@code null}
     * @param bookmark the bookmark, or {@code null}
     */
    public ListGrantsQuery(
            @JsonProperty("ownerMsp") final String ownerMsp,
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("deviceGroup") final String deviceGroup,
            @JsonProperty("pageSize") final Long pageSize,
            @JsonProperty("bookmark") final String bookmark) {
        this.ownerMsp = ownerMsp;
        this.deviceId = deviceId;
        this.deviceGroup = deviceGroup;
        this.pageSize = pageSize;
        this.bookmark = bookmark;
    }

    /**
     * Validates the query.
     *
     * @return this query
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public ListGrantsQuery validate() {
        Check.optionalId("ownerMsp", ownerMsp);
        Check.optionalId("deviceId", deviceId);
        Check.optionalId("deviceGroup", deviceGroup);
        if (deviceId != null && deviceGroup != null) {
            throw Check.invalid("deviceId", "and deviceGroup cannot be combined");
        }
        if ((deviceId != null || deviceGroup != null) && ownerMsp == null) {
            throw Check.invalid("ownerMsp", "is required with deviceId or deviceGroup");
        }
        page();
        return this;
    }

    CompositeKey prefix() {
        if (deviceId != null) {
            return Keys.prefix(Keys.GRANT_BY_TARGET, ownerMsp, Keys.TARGET_DEVICE, deviceId);
        }
        if (deviceGroup != null) {
            return Keys.prefix(Keys.GRANT_BY_TARGET, ownerMsp, Keys.TARGET_GROUP, deviceGroup);
        }
        return ownerMsp == null ? Keys.prefix(Keys.GRANT_BY_TARGET) : Keys.prefix(Keys.GRANT_BY_TARGET, ownerMsp);
    }

    PageRequest page() {
        return PageRequest.of(pageSize, bookmark);
    }
}
