package org.biotdm.chaincode.device;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a device's registry record, stored as sorted JSON under {@code biotdm.device/<deviceId>}. Records are
 * immutable; changes go through {@link #toBuilder()}.
 */
@DataType
public final class Device {
    @Property
    private final String deviceId;

    @Property
    private final String ownerMsp;

    @Property
    private final String deviceType;

    @Property
    private final String model;

    @Property
    private final String firmwareVersion;

    @Property
    private final String group;

    @Property
    private final SortedMap<String, String> metadata;

    @Property
    private final DeviceStatus status;

    @Property
    private final String statusReason;

    @Property
    private final String publicKeyPem;

    @Property
    private final String certFingerprint;

    @Property
    private final List<String> previousFingerprints;

    @Property
    private final String claimTokenSha256;

    @Property
    private final Long claimedAt;

    @Property
    private final long registeredAt;

    @Property
    private final long updatedAt;

    @Property
    private final String updatedBy;

    @Property
    private final String updatedByMsp;

    /**
     * Creates a record; Genson uses this constructor to read stored records.
     *
     * @param deviceId the device id
     * @param ownerMsp the MSP ID of the organisation that owns the device
     * @param deviceType the device type, such as {@code env-sensor}
     * @param model the model, {@code <manufacturer MSP ID>/<model name>}
     * @param firmwareVersion the installed firmware version (semantic version)
     * @param group the device group within the owner organisation
     * @param metadata free-form metadata, sorted by name
     * @param status the lifecycle status
     * @param statusReason why the device was last suspended or decommissioned, or {@code null}
     * @param publicKeyPem the device's P-256 public key in canonical PEM, or {@code null} until claimed
     * @param certFingerprint the SHA-256 of the device certificate (DER), lower-case hex, or {@code null} until claimed
     * @param previousFingerprints fingerprints replaced by key rotations, oldest first
     * @param claimTokenSha256 the SHA-256 of the one-time claim token, or {@code null} for a device registered with its key
     * @param claimedAt when the claim token was spent, epoch milliseconds, or {@code null}
     * @param registeredAt when the device was registered, epoch milliseconds
     * @param updatedAt when the record was last written, epoch milliseconds
     * @param updatedBy the Fabric id of the last writer
     * @param updatedByMsp the MSP ID of the last writer
     */
    public Device(
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("ownerMsp") final String ownerMsp,
            @JsonProperty("deviceType") final String deviceType,
            @JsonProperty("model") final String model,
            @JsonProperty("firmwareVersion") final String firmwareVersion,
            @JsonProperty("group") final String group,
            @JsonProperty("metadata") final Map<String, String> metadata,
            @JsonProperty("status") final DeviceStatus status,
            @JsonProperty("statusReason") final String statusReason,
            @JsonProperty("publicKeyPem") final String publicKeyPem,
            @JsonProperty("certFingerprint") final String certFingerprint,
            @JsonProperty("previousFingerprints") final List<String> previousFingerprints,
            @JsonProperty("claimTokenSha256") final String claimTokenSha256,
            @JsonProperty("claimedAt") final Long claimedAt,
            @JsonProperty("registeredAt") final long registeredAt,
            @JsonProperty("updatedAt") final long updatedAt,
            @JsonProperty("updatedBy") final String updatedBy,
            @JsonProperty("updatedByMsp") final String updatedByMsp) {
        this.deviceId = deviceId;
        this.ownerMsp = ownerMsp;
        this.deviceType = deviceType;
        this.model = model;
        this.firmwareVersion = firmwareVersion;
        this.group = group;
        this.metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata == null ? Map.of() : metadata));
        this.status = status;
        this.statusReason = statusReason;
        this.publicKeyPem = publicKeyPem;
        this.certFingerprint = certFingerprint;
        this.previousFingerprints = previousFingerprints == null ? List.of() : List.copyOf(previousFingerprints);
        this.claimTokenSha256 = claimTokenSha256;
        this.claimedAt = claimedAt;
        this.registeredAt = registeredAt;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.updatedByMsp = updatedByMsp;
    }

    /**
     * Returns the device id.
     *
     * @return the device id
     */
    public String getDeviceId() {
        return deviceId;
    }

    /**
     * Returns the MSP ID of the organisation that owns the device.
     *
     * @return the MSP ID of the organisation that owns the device
     */
    public String getOwnerMsp() {
        return ownerMsp;
    }

    /**
     * Returns the device type, such as {@code env-sensor}.
     *
     * @return the device type
     */
    public String getDeviceType() {
        return deviceType;
    }

    /**
     * Returns the model, {@code <manufacturer MSP ID>/<model name>}.
     *
     * @return the model
     */
    public String getModel() {
        return model;
    }

    /**
     * Returns the installed firmware version (semantic version).
     *
     * @return the installed firmware version (semantic version)
     */
    public String getFirmwareVersion() {
        return firmwareVersion;
    }

    /**
     * Returns the device group within the owner organisation.
     *
     * @return the device group within the owner organisation
     */
    public String getGroup() {
        return group;
    }

    /**
     * Returns free-form metadata, sorted by name.
     *
     * @return free-form metadata
     */
    public SortedMap<String, String> getMetadata() {
        return metadata;
    }

    /**
     * Returns the lifecycle status.
     *
     * @return the lifecycle status
     */
    public DeviceStatus getStatus() {
        return status;
    }

    /**
     * Returns why the device was last suspended or decommissioned, or {@code null}.
     *
     * @return why the device was last suspended or decommissioned
     */
    public String getStatusReason() {
        return statusReason;
    }

    /**
     * Returns the device's P-256 public key in canonical PEM, or {@code null} until claimed.
     *
     * @return the device's P-256 public key in canonical PEM
     */
    public String getPublicKeyPem() {
        return publicKeyPem;
    }

    /**
     * Returns the SHA-256 of the device certificate (DER), lower-case hex, or {@code null} until claimed.
     *
     * @return the SHA-256 of the device certificate (DER)
     */
    public String getCertFingerprint() {
        return certFingerprint;
    }

    /**
     * Returns fingerprints replaced by key rotations, oldest first.
     *
     * @return fingerprints replaced by key rotations
     */
    public List<String> getPreviousFingerprints() {
        return previousFingerprints;
    }

    /**
     * Returns the SHA-256 of the one-time claim token, or {@code null} for a device registered with its key.
     *
     * @return the SHA-256 of the one-time claim token
     */
    public String getClaimTokenSha256() {
        return claimTokenSha256;
    }

    /**
     * Returns when the claim token was spent, epoch milliseconds, or {@code null}.
     *
     * @return when the claim token was spent
     */
    public Long getClaimedAt() {
        return claimedAt;
    }

    /**
     * Returns when the device was registered, epoch milliseconds.
     *
     * @return when the device was registered
     */
    public long getRegisteredAt() {
        return registeredAt;
    }

    /**
     * Returns when the record was last written, epoch milliseconds.
     *
     * @return when the record was last written
     */
    public long getUpdatedAt() {
        return updatedAt;
    }

    /**
     * Returns the Fabric id of the last writer.
     *
     * @return the Fabric id of the last writer
     */
    public String getUpdatedBy() {
        return updatedBy;
    }

    /**
     * Returns the MSP ID of the last writer.
     *
     * @return the MSP ID of the last writer
     */
    public String getUpdatedByMsp() {
        return updatedByMsp;
    }

    /**
     * Starts a modified copy of this record.
     *
     * @return a builder holding this record's values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Starts a new record.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Device} records; each setter sets the field of the same name and returns the builder. */
    public static final class Builder {
        private String deviceId;
        private String ownerMsp;
        private String deviceType;
        private String model;
        private String firmwareVersion;
        private String group;
        private SortedMap<String, String> metadata;
        private DeviceStatus status;
        private String statusReason;
        private String publicKeyPem;
        private String certFingerprint;
        private List<String> previousFingerprints;
        private String claimTokenSha256;
        private Long claimedAt;
        private long registeredAt;
        private long updatedAt;
        private String updatedBy;
        private String updatedByMsp;

        private Builder() {
            this.previousFingerprints = List.of();
        }

        private Builder(final Device device) {
            this.deviceId = device.deviceId;
            this.ownerMsp = device.ownerMsp;
            this.deviceType = device.deviceType;
            this.model = device.model;
            this.firmwareVersion = device.firmwareVersion;
            this.group = device.group;
            this.metadata = device.metadata;
            this.status = device.status;
            this.statusReason = device.statusReason;
            this.publicKeyPem = device.publicKeyPem;
            this.certFingerprint = device.certFingerprint;
            this.previousFingerprints = device.previousFingerprints;
            this.claimTokenSha256 = device.claimTokenSha256;
            this.claimedAt = device.claimedAt;
            this.registeredAt = device.registeredAt;
            this.updatedAt = device.updatedAt;
            this.updatedBy = device.updatedBy;
            this.updatedByMsp = device.updatedByMsp;
        }

        public Builder deviceId(final String value) {
            this.deviceId = value;
            return this;
        }

        public Builder ownerMsp(final String value) {
            this.ownerMsp = value;
            return this;
        }

        public Builder deviceType(final String value) {
            this.deviceType = value;
            return this;
        }

        public Builder model(final String value) {
            this.model = value;
            return this;
        }

        public Builder firmwareVersion(final String value) {
            this.firmwareVersion = value;
            return this;
        }

        public Builder group(final String value) {
            this.group = value;
            return this;
        }

        public Builder metadata(final SortedMap<String, String> value) {
            this.metadata = value;
            return this;
        }

        public Builder status(final DeviceStatus value) {
            this.status = value;
            return this;
        }

        public Builder statusReason(final String value) {
            this.statusReason = value;
            return this;
        }

        public Builder publicKeyPem(final String value) {
            this.publicKeyPem = value;
            return this;
        }

        public Builder certFingerprint(final String value) {
            this.certFingerprint = value;
            return this;
        }

        public Builder previousFingerprints(final List<String> value) {
            this.previousFingerprints = value;
            return this;
        }

        public Builder claimTokenSha256(final String value) {
            this.claimTokenSha256 = value;
            return this;
        }

        public Builder claimedAt(final Long value) {
            this.claimedAt = value;
            return this;
        }

        public Builder registeredAt(final long value) {
            this.registeredAt = value;
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
        public Device build() {
            return new Device(
                    deviceId,
                    ownerMsp,
                    deviceType,
                    model,
                    firmwareVersion,
                    group,
                    metadata,
                    status,
                    statusReason,
                    publicKeyPem,
                    certFingerprint,
                    previousFingerprints,
                    claimTokenSha256,
                    claimedAt,
                    registeredAt,
                    updatedAt,
                    updatedBy,
                    updatedByMsp);
        }
    }
}
