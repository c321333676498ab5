package org.biotdm.gateway.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.LedgerJson;
import org.biotdm.gateway.ledger.LedgerReceipt;
import org.biotdm.gateway.ledger.LedgerResult;

/**
 * Typed access to the chaincode's {@code devices} contract (see {@code chaincode-java/README.md}).
 *
 * <p>Administrative transactions (register, activate, suspend, reactivate, decommission) take the caller's identity,
 * because the chaincode allows them only to an {@code admin} of the owner organisation; {@link #claimDevice} and the
 * reads use the gateway's own identity. Every method blocks; every write waits for the commit.
 */
@Singleton
public class DeviceLedger {
    /** The contract name in the BIoT-DM chaincode. */
    public static final String CONTRACT = "devices";
    /** Most items the chaincode accepts in one batch transaction ({@code DeviceBatch.MAX_ITEMS}). */
    public static final int MAX_BATCH = 500;
    /** The transient-map key that carries the raw claim token in ClaimDevice. */
    public static final String CLAIM_TOKEN_TRANSIENT = "claimToken";

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public DeviceLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Submits {@code RegisterDevice}: a new {@code PROVISIONED} device owned by the caller's organisation.
     *
     * @param caller an identity with {@code biotdm.role=admin}
     * @param registration the device and either its key or its claim token hash
     * @return the new record and its transaction
     * @throws LedgerException {@code DEVICE_EXISTS}, {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or a ledger
     *     failure
     */
    public DeviceChange registerDevice(LedgerIdentity caller, DeviceRegistration registration) throws LedgerException {
        return write(caller, "RegisterDevice", registration.deviceId(), registration, Map.of());
    }

    /**
     * Submits {@code ClaimDevice} as the gateway: binds the key to an unclaimed device if the claim token matches,
     * spends the token and activates the device. The token travels in the transient map under {@value
     * #CLAIM_TOKEN_TRANSIENT}, so it never lands in a block.
     *
     * @param deviceId the device ID
     * @param publicKeyPem the device's P-256 public key in PEM
     * @param certFingerprint lowercase hex SHA-256 of the issued certificate's DER
     * @param claimToken the raw token bytes (16–256)
     * @return the claimed record ({@code ACTIVE}) and its transaction
     * @throws LedgerException {@code DEVICE_NOT_FOUND}, {@code DEVICE_NOT_CLAIMABLE}, {@code CLAIM_TOKEN_SPENT},
     *     {@code CLAIM_TOKEN_MISMATCH}, {@code DEVICE_INVALID_TRANSITION}, {@code INVALID_ARGUMENT}, {@code
     *     ACCESS_DENIED}, or a ledger failure
     */
    public DeviceChange claimDevice(String deviceId, String publicKeyPem, String certFingerprint, byte[] claimToken)
            throws LedgerException {
        return write(
                client.gatewayIdentity(),
                "ClaimDevice",
                deviceId,
                new ClaimArgs(deviceId, publicKeyPem, certFingerprint),
                Map.of(CLAIM_TOKEN_TRANSIENT, claimToken));
    }

    /**
     * Submits {@code RegisterDevices}: up to {@value #MAX_BATCH} devices owned by the caller's organisation in one
     * transaction, each checked and written as {@link #registerDevice} would.
     *
     * @param caller an identity with {@code biotdm.role=admin}
     * @param registrations the devices, 1 to {@value #MAX_BATCH}
     * @return the per-item results, in request order, and the transaction
     * @throws LedgerException for the whole batch: {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or a ledger failure
     */
    public BatchChange registerDevices(LedgerIdentity caller, List<DeviceRegistration> registrations)
            throws LedgerException {
        return batch(
                caller,
                "RegisterDevices",
                entityKey(
                        registrations.stream().map(DeviceRegistration::deviceId).toList()),
                new RegisterBatchArgs(registrations),
                Map.of());
    }

    /**
     * Submits {@code ClaimDevices} as the gateway: up to {@value #MAX_BATCH} claims in one transaction, each checked
     * and written as {@link #claimDevice} would; the token of device {@code <id>} travels in the transient map under
     * {@code claimToken/<id>}.
     *
     * @param claims the claims, 1 to {@value #MAX_BATCH}, distinct device IDs
     * @return the per-item results, in request order, and the transaction
     * @throws LedgerException for the whole batch: {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or a ledger failure
     */
    public BatchChange claimDevices(List<Claim> claims) throws LedgerException {
        Map<String, byte[]> tokens = new HashMap<>();
        claims.forEach(claim -> tokens.put(CLAIM_TOKEN_TRANSIENT + "/" + claim.deviceId(), claim.claimToken()));
        List<ClaimArgs> args = claims.stream()
                .map(c -> new ClaimArgs(c.deviceId(), c.publicKeyPem(), c.certFingerprint()))
                .toList();
        return batch(
                client.gatewayIdentity(),
                "ClaimDevices",
                entityKey(claims.stream().map(Claim::deviceId).toList()),
                new ClaimBatchArgs(args),
                tokens);
    }

    /**
     * Evaluates {@code GetDevices} as the gateway: the records of up to {@value #MAX_BATCH} devices, as a batch event
     * lists them.
     *
     * @param deviceIds the devices, 1 to {@value #MAX_BATCH}
     * @return the records of those that exist, in request order
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public List<LedgerDevice> getDevices(List<String> deviceIds) throws LedgerException {
        byte[] payload =
                client.evaluate(client.gatewayIdentity(), CONTRACT, "GetDevices", write(new DeviceIds(deviceIds)));
        return List.of(read(payload, LedgerDevice[].class));
    }

    /**
     * Submits {@code ActivateDevice} ({@code PROVISIONED → ACTIVE}, needs a key).
     *
     * @param caller an {@code admin} of the owner organisation
     * @param deviceId the device ID
     * @param reason why, or null
     * @return the record and its transaction
     * @throws LedgerException {@code DEVICE_NOT_FOUND}, {@code DEVICE_INVALID_TRANSITION}, {@code
     *     DEVICE_NOT_CLAIMED}, {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or a ledger failure
     */
    public DeviceChange activateDevice(LedgerIdentity caller, String deviceId, @Nullable String reason)
            throws LedgerException {
        return write(caller, "ActivateDevice", deviceId, new StatusArgs(deviceId, reason), Map.of());
    }

    /**
     * Submits {@code SuspendDevice} ({@code ACTIVE → SUSPENDED}); the gateway refuses the device from then on.
     *
     * @param caller an {@code admin} of the owner organisation
     * @param deviceId the device ID
     * @param reason why (required by the chaincode)
     * @return the record and its transaction
     * @throws LedgerException {@code DEVICE_NOT_FOUND}, {@code DEVICE_INVALID_TRANSITION}, {@code INVALID_ARGUMENT},
     *     {@code ACCESS_DENIED}, or a ledger failure
     */
    public DeviceChange suspendDevice(LedgerIdentity caller, String deviceId, String reason) throws LedgerException {
        return write(caller, "SuspendDevice", deviceId, new StatusArgs(deviceId, reason), Map.of());
    }

    /**
     * Submits {@code ReactivateDevice} ({@code SUSPENDED → ACTIVE}).
     *
     * @param caller an {@code admin} of the owner organisation
     * @param deviceId the device ID
     * @param reason why, or null
     * @return the record and its transaction
     * @throws LedgerException {@code DEVICE_NOT_FOUND}, {@code DEVICE_INVALID_TRANSITION}, {@code INVALID_ARGUMENT},
     *     {@code ACCESS_DENIED}, or a ledger failure
     */
    public DeviceChange reactivateDevice(LedgerIdentity caller, String deviceId, @Nullable String reason)
            throws LedgerException {
        return write(caller, "ReactivateDevice", deviceId, new StatusArgs(deviceId, reason), Map.of());
    }

    /**
     * Submits {@code DecommissionDevice} ({@code SUSPENDED → DECOMMISSIONED}, terminal).
     *
     * @param caller an {@code admin} of the owner organisation
     * @param deviceId the device ID
     * @param reason why, or null
     * @return the record and its transaction
     * @throws LedgerException {@code DEVICE_NOT_FOUND}, {@code DEVICE_INVALID_TRANSITION}, {@code INVALID_ARGUMENT},
     *     {@code ACCESS_DENIED}, or a ledger failure
     */
    public DeviceChange decommissionDevice(LedgerIdentity caller, String deviceId, @Nullable String reason)
            throws LedgerException {
        return write(caller, "DecommissionDevice", deviceId, new StatusArgs(deviceId, reason), Map.of());
    }

    /**
     * Evaluates {@code GetDevice} as the gateway.
     *
     * @param deviceId the device ID
     * @return the record, or empty on {@code DEVICE_NOT_FOUND}
     * @throws LedgerException {@code INVALID_ARGUMENT} (malformed ID), or a ledger failure
     */
    public Optional<LedgerDevice> getDevice(String deviceId) throws LedgerException {
        try {
            return Optional.of(read(
                    client.evaluate(client.gatewayIdentity(), CONTRACT, "GetDevice", deviceId), LedgerDevice.class));
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.DEVICE_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Evaluates {@code ListDevices} as the gateway: one page of devices by owner, status or group.
     *
     * @param query the filter and page
     * @return the page
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public DevicePage listDevices(DeviceQuery query) throws LedgerException {
        return read(client.evaluate(client.gatewayIdentity(), CONTRACT, "ListDevices", write(query)), DevicePage.class);
    }

    private DeviceChange write(
            LedgerIdentity caller, String function, String deviceId, Object argument, Map<String, byte[]> transientData)
            throws LedgerException {
        LedgerResult result =
                client.submit(caller, CONTRACT, function, "device:" + deviceId, write(argument), transientData);
        return new DeviceChange(read(result.payload(), LedgerDevice.class), result.receipt());
    }

    /**
     * The transaction log's entity key of a batch: its device's when the batch holds one (a lone claim), else {@code
     * device:*}.
     */
    private static String entityKey(List<String> deviceIds) {
        return deviceIds.size() == 1 ? "device:" + deviceIds.get(0) : "device:*";
    }

    private BatchChange batch(
            LedgerIdentity caller,
            String function,
            String entityKey,
            Object argument,
            Map<String, byte[]> transientData)
            throws LedgerException {
        LedgerResult result = client.submit(caller, CONTRACT, function, entityKey, write(argument), transientData);
        return new BatchChange(read(result.payload(), LedgerBatch.class), result.receipt());
    }

    private String write(Object value) {
        return LedgerJson.write(json, value);
    }

    private <T> T read(byte[] payload, Class<T> type) throws LedgerException {
        return LedgerJson.read(json, payload, type);
    }

    /** ClaimDevice's argument. */
    @Serdeable
    record ClaimArgs(String deviceId, String publicKeyPem, String certFingerprint) {}

    /** The argument of the status transactions; {@code reason} is left out when null. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StatusArgs(String deviceId, @Nullable String reason) {}

    /**
     * One claim of a {@link #claimDevices} batch.
     *
     * @param deviceId the device ID
     * @param publicKeyPem the device's P-256 public key in PEM
     * @param certFingerprint lowercase hex SHA-256 of the issued certificate's DER
     * @param claimToken the raw token bytes (16–256)
     */
    public record Claim(String deviceId, String publicKeyPem, String certFingerprint, byte[] claimToken) {}

    /**
     * A committed batch transaction.
     *
     * @param batch the per-item results
     * @param receipt the transaction ID and block number
     */
    public record BatchChange(LedgerBatch batch, LedgerReceipt receipt) {}

    /** RegisterDevices' argument. */
    @Serdeable
    record RegisterBatchArgs(List<DeviceRegistration> devices) {}

    /** ClaimDevices' argument. */
    @Serdeable
    record ClaimBatchArgs(List<ClaimArgs> claims) {}

    /** GetDevices' argument. */
    @Serdeable
    record DeviceIds(List<String> deviceIds) {}
}
