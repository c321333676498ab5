package org.biotdm.gateway.grant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.LedgerJson;
import org.biotdm.gateway.ledger.LedgerResult;

/**
 * Typed access to the chaincode's {@code grants} contract (see {@code chaincode-java/README.md}, "Grants"). Writes
 * take the calling admin's identity; reads use the gateway's. Every method blocks; writes wait for the commit.
 */
@Singleton
public class GrantLedger {
    /** The contract name in the BIoT-DM chaincode. */
    public static final String CONTRACT = "grants";

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public GrantLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Submits {@code GrantDeviceAccess}.
     *
     * @param caller an {@code admin} of the organisation owning the device or group
     * @param grant the grant's terms
     * @return the written grant and where it was committed
     * @throws LedgerException {@code GRANT_EXISTS}, {@code DEVICE_NOT_FOUND}, {@code INVALID_ARGUMENT}, {@code
     *     ACCESS_DENIED}, or a ledger failure
     */
    public GrantChange grant(LedgerIdentity caller, GrantTerms grant) throws LedgerException {
        return write(caller, "GrantDeviceAccess", grant.grantId(), grant);
    }

    /**
     * Submits {@code RevokeDeviceAccess}.
     *
     * @param caller an {@code admin} of the granting organisation
     * @param grantId the grant ID
     * @param reason why, or null
     * @return the revoked grant and where it was committed
     * @throws LedgerException {@code GRANT_NOT_FOUND}, {@code GRANT_REVOKED}, {@code INVALID_ARGUMENT}, {@code
     *     ACCESS_DENIED}, or a ledger failure
     */
    public GrantChange revoke(LedgerIdentity caller, String grantId, @Nullable String reason) throws LedgerException {
        return write(caller, "RevokeDeviceAccess", grantId, new RevokeArgs(grantId, reason));
    }

    /**
     * Evaluates {@code GetGrant} as the gateway.
     *
     * @param grantId the grant ID
     * @return the grant (active or revoked), or empty on {@code GRANT_NOT_FOUND}
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public Optional<LedgerGrant> getGrant(String grantId) throws LedgerException {
        try {
            return Optional.of(
                    read(client.evaluate(client.gatewayIdentity(), CONTRACT, "GetGrant", grantId), LedgerGrant.class));
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.GRANT_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Evaluates {@code ListGrants} as the gateway: one page of active grants.
     *
     * @param query the filter and page
     * @return the page
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public GrantPage listGrants(GrantQuery query) throws LedgerException {
        return read(client.evaluate(client.gatewayIdentity(), CONTRACT, "ListGrants", write(query)), GrantPage.class);
    }

    private GrantChange write(LedgerIdentity caller, String function, String grantId, Object argument)
            throws LedgerException {
        LedgerResult result = client.submit(caller, CONTRACT, function, "grant:" + grantId, write(argument), Map.of());
        return new GrantChange(read(result.payload(), LedgerGrant.class), result.transactionId(), result.blockNumber());
    }

    private String write(Object value) {
        return LedgerJson.write(json, value);
    }

    private <T> T read(byte[] payload, Class<T> type) throws LedgerException {
        return LedgerJson.read(json, payload, type);
    }

    /**
     * The argument of {@code GrantDeviceAccess}; exactly one of {@code deviceId} and {@code deviceGroup}.
     *
     * @param grantId the new grant's ID
     * @param granteeMsp the grantee's MSP ID
     * @param granteeId the grantee's Fabric ID, or null for every operator of {@code granteeMsp}
     * @param deviceId the device, or null
     * @param deviceGroup the device group of the caller's organisation, or null
     * @param commandTypes the command types (1–32)
     * @param expiresAt the expiry, epoch milliseconds, after the transaction time
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrantTerms(
            String grantId,
            String granteeMsp,
            @Nullable String granteeId,
            @Nullable String deviceId,
            @Nullable String deviceGroup,
            List<String> commandTypes,
            long expiresAt) {}

    /**
     * The argument of {@code ListGrants}: device or group need the owner.
     *
     * @param ownerMsp the owner's MSP ID, or null for all
     * @param deviceId the device, or null
     * @param deviceGroup the group, or null
     * @param pageSize 1–200, or null for 50
     * @param bookmark the previous page's bookmark, or null
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GrantQuery(
            @Nullable String ownerMsp,
            @Nullable String deviceId,
            @Nullable String deviceGroup,
            @Nullable Integer pageSize,
            @Nullable String bookmark) {}

    /**
     * One page of {@code ListGrants}.
     *
     * @param bookmark where the next page starts, empty on the last page
     * @param fetchedCount how many records the page holds
     * @param records the grants
     */
    @Serdeable
    public record GrantPage(@Nullable String bookmark, int fetchedCount, @Nullable List<LedgerGrant> records) {
        /**
         * Normalises absent values.
         *
         * @param bookmark the bookmark
         * @param fetchedCount the count
         * @param records the records
         */
        public GrantPage {
            bookmark = bookmark == null ? "" : bookmark;
            records = records == null ? List.of() : List.copyOf(records);
        }
    }

    /**
     * A committed grant write.
     *
     * @param grant the record after the transaction
     * @param transactionId the transaction ID
     * @param blockNumber the block holding it
     */
    record GrantChange(LedgerGrant grant, String transactionId, long blockNumber) {}

    /** The argument of {@code RevokeDeviceAccess}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RevokeArgs(String grantId, @Nullable String reason) {}
}
