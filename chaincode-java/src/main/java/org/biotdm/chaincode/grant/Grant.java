package org.biotdm.chaincode.grant;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a grant record, stored as sorted JSON under {@code biotdm.grant/<grantId>}: the owner organisation lets a
 * grantee issue the listed command types to one device ({@code deviceId}) or to every device of a group
 * ({@code deviceGroup}) of that organisation until {@code expiresAt}.
 */
@DataType
public final class Grant {
    @Property
    private final String grantId;

    @Property
    private final String ownerMsp;

    @Property
    private final String granteeMsp;

    @Property
    private final String granteeId;

    @Property
    private final String deviceId;

    @Property
    private final String deviceGroup;

    @Property
    private final List<String> commandTypes;

    @Property
    private final long expiresAt;

    @Property
    private final GrantStatus status;

    @Property
    private final String revokedReason;

    @Property
    private final long grantedAt;

    @Property
    private final long updatedAt;

    @Property
    private final String updatedBy;

    @Property
    private final String updatedByMsp;

    /**
     * Creates a record; Genson uses this constructor to read stored records.
     *
     * @param grantId the grant id
     * @param ownerMsp the organisation that owns the devices and gave the grant
     * @param granteeMsp the grantee's MSP ID
     * @param granteeId the grantee's Fabric id, or {@code null} for every operator of {@code granteeMsp}
     * @param deviceId the device covered, or {@code null} when a group is
     * @param deviceGroup the device group covered, or {@code null} when one device is
     * @param commandTypes the command types allowed, sorted
     * @param expiresAt when the grant stops covering, epoch milliseconds
     * @param status the grant status
     * @param revokedReason why it was revoked, or {@code null}
     * @param grantedAt when it was granted, epoch milliseconds
     * @param updatedAt when the record was last written, epoch milliseconds
     * @param updatedBy the Fabric id of the last writer
     * @param updatedByMsp the MSP ID of the last writer
     */
    public Grant(
            @JsonProperty("grantId") final String grantId,
            @JsonProperty("ownerMsp") final String ownerMsp,
            @JsonProperty("granteeMsp") final String granteeMsp,
            @JsonProperty("granteeId") final String granteeId,
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("deviceGroup") final String deviceGroup,
            @JsonProperty("commandTypes") final List<String> commandTypes,
            @JsonProperty("expiresAt") final long expiresAt,
            @JsonProperty("status") final GrantStatus status,
            @JsonProperty("revokedReason") final String revokedReason,
            @JsonProperty("grantedAt") final long grantedAt,
            @JsonProperty("updatedAt") final long updatedAt,
            @JsonProperty("updatedBy") final String updatedBy,
            @JsonProperty("updatedByMsp") final String updatedByMsp) {
        this.grantId = grantId;
        this.ownerMsp = ownerMsp;
        this.granteeMsp = granteeMsp;
        this.granteeId = granteeId;
        this.deviceId = deviceId;
        this.deviceGroup = deviceGroup;
        this.commandTypes = List.copyOf(commandTypes);
        this.expiresAt = expiresAt;
        this.status = status;
        this.revokedReason = revokedReason;
        this.grantedAt = grantedAt;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.updatedByMsp = updatedByMsp;
    }

    /**
     * Returns a revoked copy stamped with the transaction's time and caller.
     *
     * @param tx the revoking transaction
     * @param reason why, or {@code null}
     * @return the revoked record
     */
    Grant revoked(final Tx tx, final String reason) {
        return new Grant(
                grantId,
                ownerMsp,
                granteeMsp,
                granteeId,
                deviceId,
                deviceGroup,
                commandTypes,
                expiresAt,
                GrantStatus.REVOKED,
                reason,
                grantedAt,
                tx.nowMillis(),
                tx.caller().id(),
                tx.caller().mspId());
    }

    /**
     * Returns the grant id.
     *
     * @return the id
     */
    public String getGrantId() {
        return grantId;
    }

    /**
     * Returns the owner organisation.
     *
     * @return the MSP ID
     */
    public String getOwnerMsp() {
        return ownerMsp;
    }

    /**
     * Returns the grantee organisation.
     *
     * @return the MSP ID
     */
    public String getGranteeMsp() {
        return granteeMsp;
    }

    /**
     * Returns the grantee identity.
     *
     * @return the Fabric id, or {@code null} for every operator of the grantee organisation
     */
    public String getGranteeId() {
        return granteeId;
    }

    /**
     * Returns the device covered.
     *
     * @return the device id, or {@code null}
     */
    public String getDeviceId() {
        return deviceId;
    }

    /**
     * Returns the device group covered.
     *
     * @return the group, or {@code null}
     */
    public String getDeviceGroup() {
        return deviceGroup;
    }

    /**
     * Returns the command types allowed.
     *
     * @return sorted, unmodifiable
     */
    public List<String> getCommandTypes() {
        return commandTypes;
    }

    /**
     * Returns the expiry.
     *
     * @return epoch milliseconds
     */
    public long getExpiresAt() {
        return expiresAt;
    }

    /**
     * Returns the status.
     *
     * @return the status
     */
    public GrantStatus getStatus() {
        return status;
    }

    /**
     * Returns why the grant was revoked.
     *
     * @return the reason, or {@code null}
     */
    public String getRevokedReason() {
        return revokedReason;
    }

    /**
     * Returns when the grant was given.
     *
     * @return epoch milliseconds
     */
    public long getGrantedAt() {
        return grantedAt;
    }

    /**
     * Returns when the record was last written.
     *
     * @return epoch milliseconds
     */
    public long getUpdatedAt() {
        return updatedAt;
    }

    /**
     * Returns the last writer.
     *
     * @return the Fabric id
     */
    public String getUpdatedBy() {
        return updatedBy;
    }

    /**
     * Returns the last writer's organisation.
     *
     * @return the MSP ID
     */
    public String getUpdatedByMsp() {
        return updatedByMsp;
    }
}
