package org.biotdm.chaincode.configuration;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.command.IssueCommandRequest;
import org.biotdm.chaincode.command.ReservedCommands;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Tx;

/**
 * Reads the SetDesiredConfiguration argument:
 * {@code {"deviceId","version","sha256","sizeBytes","commandId","expiresAt"}}. {@code sha256} is SHA-256 of the
 * document's canonical JSON ({@code protocol/json-v1.md}) and also the {@code parametersSha256} of the
 * {@code configuration} command, whose parameters are the document itself; {@code sizeBytes} is at most
 * {@value #MAX_DOCUMENT_BYTES}; {@code expiresAt} follows IssueCommand's rule.
 */
public final class SetDesiredConfigurationRequest {
    /** Largest canonical configuration document, in UTF-8 bytes. */
    public static final long MAX_DOCUMENT_BYTES = 4096;

    private final String deviceId;
    private final Long version;
    private final String sha256;
    private final Long sizeBytes;
    private final String commandId;
    private final Long expiresAt;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param deviceId the device
     * @param version the new desired version: the current one plus one, 1 for the first
     * @param sha256 SHA-256 of the canonical document, lower-case hex
     * @param sizeBytes the canonical document's size, 2 (an empty object) to {@value #MAX_DOCUMENT_BYTES}
     * @param commandId the id of the {@code configuration} command to issue, unique
     * @param expiresAt the command's expiry, epoch milliseconds
     */
    public SetDesiredConfigurationRequest(
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("version") final Long version,
            @JsonProperty("sha256") final String sha256,
            @JsonProperty("sizeBytes") final Long sizeBytes,
            @JsonProperty("commandId") final String commandId,
            @JsonProperty("expiresAt") final Long expiresAt) {
        this.deviceId = deviceId;
        this.version = version;
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.commandId = commandId;
        this.expiresAt = expiresAt;
    }

    /**
     * Validates the request against the transaction time.
     *
     * @param tx the transaction
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public SetDesiredConfigurationRequest validate(final Tx tx) {
        Check.id("deviceId", deviceId);
        Check.range("version", version, 1, Long.MAX_VALUE);
        Check.range("sizeBytes", sizeBytes, 2, MAX_DOCUMENT_BYTES);
        command().validate(tx);
        return this;
    }

    /**
     * Returns the IssueCommand argument of the command that carries the document.
     *
     * @return the command request, of type {@code configuration}
     */
    IssueCommandRequest command() {
        return new IssueCommandRequest(commandId, deviceId, ReservedCommands.CONFIGURATION, sha256, expiresAt, null);
    }

    String deviceId() {
        return deviceId;
    }

    long version() {
        return version;
    }

    String sha256() {
        return sha256;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    String commandId() {
        return commandId;
    }
}
