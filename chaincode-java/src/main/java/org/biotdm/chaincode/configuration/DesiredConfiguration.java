package org.biotdm.chaincode.configuration;

import com.owlike.genson.annotation.JsonProperty;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds one desired configuration version of a device: the hash and size of its canonical JSON (the document stays
 * off-chain), the {@code configuration} command that carries it, and who set it. Immutable.
 */
@DataType
public final class DesiredConfiguration {
    @Property
    private final long version;

    @Property
    private final String sha256;

    @Property
    private final long sizeBytes;

    @Property
    private final String commandId;

    @Property
    private final long setAt;

    @Property
    private final String setBy;

    @Property
    private final String setByMsp;

    /**
     * Creates the record; Genson uses this constructor to read stored records.
     *
     * @param version the version, 1 for a device's first configuration, then one more per change
     * @param sha256 SHA-256 of the document's canonical JSON, lower-case hex
     * @param sizeBytes the canonical JSON's length in UTF-8 bytes
     * @param commandId the {@code configuration} command carrying this version
     * @param setAt the transaction time, epoch milliseconds
     * @param setBy the Fabric id of the admin who set it
     * @param setByMsp that admin's MSP ID
     */
    public DesiredConfiguration(
            @JsonProperty("version") final long version,
            @JsonProperty("sha256") final String sha256,
            @JsonProperty("sizeBytes") final long sizeBytes,
            @JsonProperty("commandId") final String commandId,
            @JsonProperty("setAt") final long setAt,
            @JsonProperty("setBy") final String setBy,
            @JsonProperty("setByMsp") final String setByMsp) {
        this.version = version;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.commandId = commandId;
        this.setAt = setAt;
        this.setBy = setBy;
        this.setByMsp = setByMsp;
    }

    /**
     * Returns the version.
     *
     * @return the version
     */
    public long getVersion() {
        return version;
    }

    /**
     * Returns SHA-256 of the canonical document, lower-case hex.
     *
     * @return SHA-256 of the canonical document, lower-case hex
     */
    public String getSha256() {
        return sha256;
    }

    /**
     * Returns the canonical document's size, UTF-8 bytes.
     *
     * @return the canonical document's size, UTF-8 bytes
     */
    public long getSizeBytes() {
        return sizeBytes;
    }

    /**
     * Returns the command carrying this version.
     *
     * @return the command carrying this version
     */
    public String getCommandId() {
        return commandId;
    }

    /**
     * Returns when it was set, epoch milliseconds.
     *
     * @return when it was set, epoch milliseconds
     */
    public long getSetAt() {
        return setAt;
    }

    /**
     * Returns the setting admin's Fabric id.
     *
     * @return the setting admin's Fabric id
     */
    public String getSetBy() {
        return setBy;
    }

    /**
     * Returns the setting admin's MSP ID.
     *
     * @return the setting admin's MSP ID
     */
    public String getSetByMsp() {
        return setByMsp;
    }
}
