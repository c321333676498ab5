package org.biotdm.chaincode.anchor;

import com.owlike.genson.annotation.JsonProperty;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a telemetry anchor, stored as sorted JSON under {@code biotdm.anchor/<windowId>} and never changed
 * afterwards.
 */
@DataType
public final class TelemetryAnchor {
    @Property
    private final String windowId;

    @Property
    private final long startTime;

    @Property
    private final long endTime;

    @Property
    private final String merkleRoot;

    @Property
    private final long leafCount;

    @Property
    private final String hashScheme;

    @Property
    private final String txId;

    @Property
    private final long updatedAt;

    @Property
    private final String updatedBy;

    @Property
    private final String updatedByMsp;

    /**
     * Creates a record; Genson uses this constructor to read stored records.
     *
     * @param windowId the telemetry window id
     * @param startTime the window start, inclusive, epoch milliseconds
     * @param endTime the window end, exclusive, epoch milliseconds
     * @param merkleRoot the Merkle root over the window's readings, lower-case hex SHA-256
     * @param leafCount the number of readings (leaves) in the window
     * @param hashScheme the leaf and node hashing scheme, such as {@code sha256-rfc6962}
     * @param txId the transaction that recorded the anchor
     * @param updatedAt when the anchor was recorded, epoch milliseconds
     * @param updatedBy the Fabric id of the gateway that recorded it
     * @param updatedByMsp the MSP ID of that gateway
     */
    public TelemetryAnchor(
            @JsonProperty("windowId") final String windowId,
            @JsonProperty("startTime") final long startTime,
            @JsonProperty("endTime") final long endTime,
            @JsonProperty("merkleRoot") final String merkleRoot,
            @JsonProperty("leafCount") final long leafCount,
            @JsonProperty("hashScheme") final String hashScheme,
            @JsonProperty("txId") final String txId,
            @JsonProperty("updatedAt") final long updatedAt,
            @JsonProperty("updatedBy") final String updatedBy,
            @JsonProperty("updatedByMsp") final String updatedByMsp) {
        this.windowId = windowId;
        this.startTime = startTime;
        this.endTime = endTime;
        this.merkleRoot = merkleRoot;
        this.leafCount = leafCount;
        this.hashScheme = hashScheme;
        this.txId = txId;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.updatedByMsp = updatedByMsp;
    }

    /**
     * Returns the telemetry window id.
     *
     * @return the telemetry window id
     */
    public String getWindowId() {
        return windowId;
    }

    /**
     * Returns the window start, inclusive, epoch milliseconds.
     *
     * @return the window start
     */
    public long getStartTime() {
        return startTime;
    }

    /**
     * Returns the window end, exclusive, epoch milliseconds.
     *
     * @return the window end
     */
    public long getEndTime() {
        return endTime;
    }

    /**
     * Returns the Merkle root over the window's readings, lower-case hex SHA-256.
     *
     * @return the Merkle root over the window's readings
     */
    public String getMerkleRoot() {
        return merkleRoot;
    }

    /**
     * Returns the number of readings (leaves) in the window.
     *
     * @return the number of readings (leaves) in the window
     */
    public long getLeafCount() {
        return leafCount;
    }

    /**
     * Returns the leaf and node hashing scheme, such as {@code sha256-rfc6962}.
     *
     * @return the leaf and node hashing scheme
     */
    public String getHashScheme() {
        return hashScheme;
    }

    /**
     * Tells whether another anchor records the same window content: times, root, leaf count, scheme and
     * submitting organisation. Transaction and submitter identity may differ, so a retry is recognised.
     *
     * @param other the anchor to compare
     * @return true when a resubmission of {@code other} changes nothing
     */
    public boolean sameContent(final TelemetryAnchor other) {
        return windowId.equals(other.windowId)
                && startTime == other.startTime
                && endTime == other.endTime
                && merkleRoot.equals(other.merkleRoot)
                && leafCount == other.leafCount
                && hashScheme.equals(other.hashScheme)
                && updatedByMsp.equals(other.updatedByMsp);
    }

    /**
     * Returns the transaction that recorded the anchor.
     *
     * @return the transaction that recorded the anchor
     */
    public String getTxId() {
        return txId;
    }

    /**
     * Returns when the anchor was recorded, epoch milliseconds.
     *
     * @return when the anchor was recorded
     */
    public long getUpdatedAt() {
        return updatedAt;
    }

    /**
     * Returns the Fabric id of the gateway that recorded it.
     *
     * @return the Fabric id of the gateway that recorded it
     */
    public String getUpdatedBy() {
        return updatedBy;
    }

    /**
     * Returns the MSP ID of that gateway.
     *
     * @return the MSP ID of that gateway
     */
    public String getUpdatedByMsp() {
        return updatedByMsp;
    }

    /**
     * Starts a new record.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TelemetryAnchor} records; each setter sets the field of the same name and returns the builder. */
    public static final class Builder {
        private String windowId;
        private long startTime;
        private long endTime;
        private String merkleRoot;
        private long leafCount;
        private String hashScheme;
        private String txId;
        private long updatedAt;
        private String updatedBy;
        private String updatedByMsp;

        private Builder() {}

        public Builder windowId(final String value) {
            this.windowId = value;
            return this;
        }

        public Builder startTime(final long value) {
            this.startTime = value;
            return this;
        }

        public Builder endTime(final long value) {
            this.endTime = value;
            return this;
        }

        public Builder merkleRoot(final String value) {
            this.merkleRoot = value;
            return this;
        }

        public Builder leafCount(final long value) {
            this.leafCount = value;
            return this;
        }

        public Builder hashScheme(final String value) {
            this.hashScheme = value;
            return this;
        }

        public Builder txId(final String value) {
            this.txId = value;
            return this;
        }

        public Builder updatedAt(final long value) {
            this.updatedAt = value;
            return this;
        }

        public Builder updatedBy(final String value) {
            this.updatedBy = value;
            return this;
        }

        public Builder updatedByMsp(final String value) {
            this.updatedByMsp = value;
            return this;
        }

        /**
         * Builds the record.
         *
         * @return the immutable record
         */
        public TelemetryAnchor build() {
            return new TelemetryAnchor(
                    windowId,
                    startTime,
                    endTime,
                    merkleRoot,
                    leafCount,
                    hashScheme,
                    txId,
                    updatedAt,
                    updatedBy,
                    updatedByMsp);
        }
    }
}
