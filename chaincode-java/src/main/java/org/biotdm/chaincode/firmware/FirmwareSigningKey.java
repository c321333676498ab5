package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a manufacturer's firmware-signing public key, stored as sorted JSON under {@code
 * biotdm.firmware.key/<manufacturerMsp>/<keyId>}. Records are immutable; revocation writes a copy ({@link #revoked}),
 * so the key's history records rotation and revocation.
 */
@DataType
public final class FirmwareSigningKey {
    @Property
    private final String manufacturerMsp;

    @Property
    private final String keyId;

    @Property
    private final String publicKeyPem;

    @Property
    private final long registeredAt;

    @Property
    private final String registeredBy;

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

    /**
     * Creates a record; Genson uses this constructor to read stored records.
     *
     * @param manufacturerMsp the MSP ID of the manufacturer the key signs for
     * @param keyId SHA-256 of the key's DER SubjectPublicKeyInfo, 64 lower-case hex digits
     * @param publicKeyPem the P-256 public key, canonical PEM
     * @param registeredAt when it was registered, epoch milliseconds
     * @param registeredBy the Fabric id of the admin who registered it
     * @param revoked whether the key is revoked
     * @param revokedAt when it was revoked, epoch milliseconds, or {@code null}
     * @param revocationReason why, or {@code null}
     * @param updatedAt when the record was last written, epoch milliseconds
     * @param updatedBy the Fabric id of the admin who last wrote it
     */
    public FirmwareSigningKey(
            @JsonProperty("manufacturerMsp") final String manufacturerMsp,
            @JsonProperty("keyId") final String keyId,
            @JsonProperty("publicKeyPem") final String publicKeyPem,
            @JsonProperty("registeredAt") final long registeredAt,
            @JsonProperty("registeredBy") final String registeredBy,
            @JsonProperty("revoked") final boolean revoked,
            @JsonProperty("revokedAt") final Long revokedAt,
            @JsonProperty("revocationReason") final String revocationReason,
            @JsonProperty("updatedAt") final long updatedAt,
            @JsonProperty("updatedBy") final String updatedBy) {
        this.manufacturerMsp = manufacturerMsp;
        this.keyId = keyId;
        this.publicKeyPem = publicKeyPem;
        this.registeredAt = registeredAt;
        this.registeredBy = registeredBy;
        this.revoked = revoked;
        this.revokedAt = revokedAt;
        this.revocationReason = revocationReason;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
    }

    /**
     * Returns a revoked copy.
     *
     * @param at when, epoch milliseconds
     * @param reason why
     * @param by the Fabric id of the revoking admin
     * @return the revoked record
     */
    public FirmwareSigningKey revoked(final long at, final String reason, final String by) {
        return new FirmwareSigningKey(
                manufacturerMsp, keyId, publicKeyPem, registeredAt, registeredBy, true, at, reason, at, by);
    }

    /**
     * Returns the manufacturer's MSP ID.
     *
     * @return the MSP ID
     */
    public String getManufacturerMsp() {
        return manufacturerMsp;
    }

    /**
     * Returns the key ID.
     *
     * @return 64 lower-case hex digits
     */
    public String getKeyId() {
        return keyId;
    }

    /**
     * Returns the public key.
     *
     * @return canonical PEM
     */
    public String getPublicKeyPem() {
        return publicKeyPem;
    }

    /**
     * Returns when the key was registered.
     *
     * @return epoch milliseconds
     */
    public long getRegisteredAt() {
        return registeredAt;
    }

    /**
     * Returns who registered the key.
     *
     * @return a Fabric id
     */
    public String getRegisteredBy() {
        return registeredBy;
    }

    /**
     * Returns whether the key is revoked.
     *
     * @return true once revoked
     */
    public boolean isRevoked() {
        return revoked;
    }

    /**
     * Returns when the key was revoked.
     *
     * @return epoch milliseconds, or {@code null}
     */
    public Long getRevokedAt() {
        return revokedAt;
    }

    /**
     * Returns why the key was revoked.
     *
     * @return the reason, or {@code null}
     */
    public String getRevocationReason() {
        return revocationReason;
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
     * Returns who last wrote the record.
     *
     * @return a Fabric id
     */
    public String getUpdatedBy() {
        return updatedBy;
    }
}
