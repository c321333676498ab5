package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a published firmware version, stored as sorted JSON under {@code biotdm.firmware/<model>/<version>}.
 * Records are immutable; revocation goes through {@link #toBuilder()}.
 */
@DataType
public final class Firmware {
    @Property
    private final String model;

    @Property
    private final String version;

    @Property
    private final String sha256;

    @Property
    private final long size;

    @Property
    private final long sequence;

    @Property
    private final String keyId;

    @Property
    private final String signature;

    @Property
    private final String publisherMsp;

    @Property
    private final long publishedAt;

    @Property
    private final boolean revoked;

    @Property
    private final Long revokedAt;

    @Property
    private final String revocationReason;

    @Property
    private final long updatedAt;

    @Property
    private final String updatedBy;

    @Property
    private final String updatedByMsp;

    /**
     * Creates a record; Genson uses this constructor to read stored records.
     *
     * @param model the device model, {@code <manufacturer MSP ID>/<model name>}
     * @param version the firmware version (semantic version)
     * @param sha256 the SHA-256 of the firmware image, lower-case hex
     * @param size the image size in bytes
     * @param sequence the manifest's anti-rollback sequence number, 1 to 2^32 - 1
     * @param keyId the ID of the firmware-signing key that signed the manifest
     * @param signature the manufacturer's signature over the {@code biotdm-firmware-manifest-v1} text, base64
     * @param publisherMsp the MSP ID of the manufacturer that published it
     * @param publishedAt when it was published, epoch milliseconds
     * @param revoked whether the version is revoked
     * @param revokedAt when it was revoked, epoch milliseconds, or {@code null}
     * @param revocationReason why it was revoked, or {@code null}
     * @param updatedAt when the record was last written, epoch milliseconds
     * @param updatedBy the Fabric id of the last writer
     * @param updatedByMsp the MSP ID of the last writer
     */
    public Firmware(
            @JsonProperty("model") final String model,
            @JsonProperty("version") final String version,
            @JsonProperty("sha256") final String sha256,
            @JsonProperty("size") final long size,
            @JsonProperty("sequence") final long sequence,
            @JsonProperty("keyId") final String keyId,
            @JsonProperty("signature") final String signature,
            @JsonProperty("publisherMsp") final String publisherMsp,
            @JsonProperty("publishedAt") final long publishedAt,
            @JsonProperty("revoked") final boolean revoked,
            @JsonProperty("revokedAt") final Long revokedAt,
            @JsonProperty("revocationReason") final String revocationReason,
            @JsonProperty("updatedAt") final long updatedAt,
            @JsonProperty("updatedBy") final String updatedBy,
            @JsonProperty("updatedByMsp") final String updatedByMsp) {
        this.model = model;
        this.version = version;
        this.sha256 = sha256;
        this.size = size;
        this.sequence = sequence;
        this.keyId = keyId;
        this.signature = signature;
        this.publisherMsp = publisherMsp;
        this.publishedAt = publishedAt;
        this.revoked = revoked;
        this.revokedAt = revokedAt;
        this.revocationReason = revocationReason;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.updatedByMsp = updatedByMsp;
    }

    /**
     * Returns the device model, {@code <manufacturer MSP ID>/<model name>}.
     *
     * @return the device model
     */
    public String getModel() {
        return model;
    }

    /**
     * Returns the firmware version (semantic version).
     *
     * @return the firmware version (semantic version)
     */
    public String getVersion() {
        return version;
    }

    /**
     * Returns the SHA-256 of the firmware image, lower-case hex.
     *
     * @return the SHA-256 of the firmware image
     */
    public String getSha256() {
        return sha256;
    }

    /**
     * Returns the image size in bytes.
     *
     * @return the image size in bytes
     */
    public long getSize() {
        return size;
    }

    /**
     * Returns the manifest's anti-rollback sequence number.
     *
     * @return 1 to 2^32 - 1
     */
    public long getSequence() {
        return sequence;
    }

    /**
     * Returns the ID of the firmware-signing key that signed the manifest.
     *
     * @return 64 lower-case hex digits
     */
    public String getKeyId() {
        return keyId;
    }

    /**
     * Returns the manufacturer's signature over the manifest text, base64, checked again by devices before flashing.
     *
     * @return the manifest signature
     */
    public String getSignature() {
        return signature;
    }

    /**
     * Returns the MSP ID of the manufacturer that published it.
     *
     * @return the MSP ID of the manufacturer that published it
     */
    public String getPublisherMsp() {
        return publisherMsp;
    }

    /**
     * Returns when it was published, epoch milliseconds.
     *
     * @return when it was published
     */
    public long getPublishedAt() {
        return publishedAt;
    }

    /**
     * Returns whether the version is revoked.
     *
     * @return whether the version is revoked
     */
    public boolean isRevoked() {
        return revoked;
    }

    /**
     * Returns when it was revoked, epoch milliseconds, or {@code null}.
     *
     * @return when it was revoked
     */
    public Long getRevokedAt() {
        return revokedAt;
    }

    /**
     * Returns why it was revoked, or {@code null}.
     *
     * @return why it was revoked
     */
    public String getRevocationReason() {
        return revocationReason;
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

    /** Builds {@link Firmware} records; each setter sets the field of the same name and returns the builder. */
    public static final class Builder {
        private String model;
        private String version;
        private String sha256;
        private long size;
        private long sequence;
        private String keyId;
        private String signature;
        private String publisherMsp;
        private long publishedAt;
        private boolean revoked;
        private Long revokedAt;
        private String revocationReason;
        private long updatedAt;
        private String updatedBy;
        private String updatedByMsp;

        private Builder() {}

        private Builder(final Firmware record) {
            this.model = record.model;
            this.version = record.version;
            this.sha256 = record.sha256;
            this.size = record.size;
            this.sequence = record.sequence;
            this.keyId = record.keyId;
            this.signature = record.signature;
            this.publisherMsp = record.publisherMsp;
            this.publishedAt = record.publishedAt;
            this.revoked = record.revoked;
            this.revokedAt = record.revokedAt;
            this.revocationReason = record.revocationReason;
            this.updatedAt = record.updatedAt;
            this.updatedBy = record.updatedBy;
            this.updatedByMsp = record.updatedByMsp;
        }

        public Builder model(final String value) {
            this.model = value;
            return this;
        }

        public Builder version(final String value) {
            this.version = value;
            return this;
        }

        public Builder sha256(final String value) {
            this.sha256 = value;
            return this;
        }

        public Builder size(final long value) {
            this.size = value;
            return this;
        }

        public Builder sequence(final long value) {
            this.sequence = value;
            return this;
        }

        public Builder keyId(final String value) {
            this.keyId = value;
            return this;
        }

        public Builder signature(final String value) {
            this.signature = value;
            return this;
        }

        public Builder publisherMsp(final String value) {
            this.publisherMsp = value;
            return this;
        }

        public Builder publishedAt(final long value) {
            this.publishedAt = value;
            return this;
        }

        public Builder revoked(final boolean value) {
            this.revoked = value;
            return this;
        }

        public Builder revokedAt(final Long value) {
            this.revokedAt = value;
            return this;
        }

        public Builder revocationReason(final String value) {
            this.revocationReason = value;
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
        public Firmware build() {
            return new Firmware(
                    model,
                    version,
                    sha256,
                    size,
                    sequence,
                    keyId,
                    signature,
                    publisherMsp,
                    publishedAt,
                    revoked,
                    revokedAt,
                    revocationReason,
                    updatedAt,
                    updatedBy,
                    updatedByMsp);
        }
    }
}
