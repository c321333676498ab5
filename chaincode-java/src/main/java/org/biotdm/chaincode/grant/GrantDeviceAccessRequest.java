package org.biotdm.chaincode.grant;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Tx;

/**
 * Reads the GrantDeviceAccess argument: {@code {"grantId","granteeMsp","granteeId"?, exactly one of "deviceId" or
 * "deviceGroup", "commandTypes":[…],"expiresAt"}}. Without {@code granteeId} the grant covers every operator of
 * {@code granteeMsp}.
 */
public final class GrantDeviceAccessRequest {
    /** Most command types one grant may list. */
    public static final int MAX_COMMAND_TYPES = 32;

    private static final int MAX_GRANTEE_ID = 1024;

    private final String grantId;
    private final String granteeMsp;
    private final String granteeId;
    private final String deviceId;
    private final String deviceGroup;
    private final List<String> commandTypes;
    private final Long expiresAt;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param grantId the new grant id, chosen by the client
     * @param granteeMsp the grantee's MSP ID
     * @param granteeId the grantee's Fabric id ({@code x509::<subject>::<issuer>}), or {@code null}
     * @param deviceId the device to cover, or {@code null}
     * @param deviceGroup the device group to cover, or {@code null}
     * @param commandTypes the command types to allow
     * @param expiresAt the expiry, epoch milliseconds, after the transaction time
     */
    public GrantDeviceAccessRequest(
            @JsonProperty("grantId") final String grantId,
            @JsonProperty("granteeMsp") final String granteeMsp,
            @JsonProperty("granteeId") final String granteeId,
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("deviceGroup") final String deviceGroup,
            @JsonProperty("commandTypes") final List<String> commandTypes,
            @JsonProperty("expiresAt") final Long expiresAt) {
        this.grantId = grantId;
        this.granteeMsp = granteeMsp;
        this.granteeId = granteeId;
        this.deviceId = deviceId;
        this.deviceGroup = deviceGroup;
        this.commandTypes = commandTypes;
        this.expiresAt = expiresAt;
    }

    /**
     * Validates the request against the transaction time.
     *
     * @param tx the transaction
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public GrantDeviceAccessRequest validate(final Tx tx) {
        Check.id("grantId", grantId);
        Check.id("granteeMsp", granteeMsp);
        if (granteeId != null
                && (granteeId.isBlank()
                        || granteeId.length() > MAX_GRANTEE_ID
                        || granteeId.chars().anyMatch(Character::isISOControl))) {
            throw Check.invalid("granteeId", "must be a Fabric id of at most " + MAX_GRANTEE_ID + " characters");
        }
        if ((deviceId == null) == (deviceGroup == null)) {
            throw Check.invalid("deviceId", "or deviceGroup is required, not both");
        }
        Check.optionalId("deviceId", deviceId);
        Check.optionalId("deviceGroup", deviceGroup);
        Check.idSet("commandTypes", commandTypes, MAX_COMMAND_TYPES);
        if (Check.time("expiresAt", expiresAt) <= tx.nowMillis()) {
            throw Check.invalid("expiresAt", "must be after the transaction time " + tx.nowMillis());
        }
        return this;
    }

    /**
     * Builds the new grant, owned by the caller's organisation.
     *
     * @param tx the transaction
     * @return the grant record
     */
    Grant toGrant(final Tx tx) {
        return new Grant(
                grantId,
                tx.caller().mspId(),
                granteeMsp,
                granteeId,
                deviceId,
                deviceGroup,
                Check.idSet("commandTypes", commandTypes, MAX_COMMAND_TYPES),
                expiresAt,
                GrantStatus.ACTIVE,
                null,
                tx.nowMillis(),
                tx.nowMillis(),
                tx.caller().id(),
                tx.caller().mspId());
    }

    String grantId() {
        return grantId;
    }

    String deviceId() {
        return deviceId;
    }
}
