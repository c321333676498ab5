package org.biotdm.gateway.device;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.audit.LedgerAuditEntry;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.LedgerJson;
import org.biotdm.gateway.ledger.LedgerResult;

/**
 * The {@code devices} contract's transactions that {@link DeviceLedger} does not wrap: {@code RotateDeviceKey} and
 * {@code GetDeviceHistory}.
 */
@Singleton
final class DeviceAdminLedger {
    private static final Argument<List<LedgerAuditEntry>> HISTORY = Argument.listOf(LedgerAuditEntry.class);

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public DeviceAdminLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Submits {@code RotateDeviceKey} as the gateway (the device proved possession of the new key with its CSR over
     * mTLS under its current certificate).
     *
     * @param deviceId the device ID
     * @param publicKeyPem the new P-256 public key in PEM
     * @param certFingerprint lowercase hex SHA-256 of the new certificate's DER
     * @return the record and its transaction
     * @throws LedgerException {@code DEVICE_NOT_FOUND}, {@code DEVICE_DECOMMISSIONED}, {@code DEVICE_NOT_CLAIMED},
     *     {@code DEVICE_KEY_REUSED}, {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or a ledger failure
     */
    public DeviceChange rotateDeviceKey(String deviceId, String publicKeyPem, String certFingerprint)
            throws LedgerException {
        LedgerIdentity gateway = client.gatewayIdentity();
        LedgerResult result = client.submit(
                gateway,
                DeviceLedger.CONTRACT,
                "RotateDeviceKey",
                "device:" + deviceId,
                write(new RotateArgs(deviceId, publicKeyPem, certFingerprint)),
                Map.of());
        return new DeviceChange(read(result.payload(), Argument.of(LedgerDevice.class)), result.receipt());
    }

    /**
     * Evaluates {@code GetDeviceHistory} as the gateway.
     *
     * @param deviceId the device ID
     * @return the history, newest first
     * @throws LedgerException {@code DEVICE_NOT_FOUND}, {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public List<LedgerAuditEntry> history(String deviceId) throws LedgerException {
        return read(
                client.evaluate(client.gatewayIdentity(), DeviceLedger.CONTRACT, "GetDeviceHistory", deviceId),
                HISTORY);
    }

    private String write(Object value) {
        return LedgerJson.write(json, value);
    }

    private <T> T read(byte[] payload, Argument<T> type) throws LedgerException {
        return LedgerJson.read(json, payload, type);
    }

    /** RotateDeviceKey's argument. */
    @Serdeable
    record RotateArgs(String deviceId, String publicKeyPem, String certFingerprint) {}
}
