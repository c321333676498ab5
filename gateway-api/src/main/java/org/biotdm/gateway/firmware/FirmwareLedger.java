package org.biotdm.gateway.firmware;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.device.LedgerDevice;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.LedgerJson;
import org.biotdm.gateway.ledger.LedgerResult;
import org.biotdm.protocol.firmware.FirmwareManifest;

/**
 * Typed access to the chaincode's {@code firmware} contract (chaincode-java/README.md). Publishing, revoking and
 * registering signing keys are signed by the admin's own identity (the chaincode checks that they are an admin of the
 * manufacturer); recording an installation is the gateway's own transaction. Every method blocks; every write waits
 * for the commit.
 */
@Singleton
final class FirmwareLedger {
    /** The contract name in the BIoT-DM chaincode. */
    public static final String CONTRACT = "firmware";

    private static final int LIST_PAGE_SIZE = 200;
    private static final int MAX_LIST_PAGES = 50;
    private static final Argument<List<LedgerSigningKey>> KEYS = Argument.listOf(LedgerSigningKey.class);

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public FirmwareLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Submits {@code PublishFirmware} with a signed manifest.
     *
     * @param admin the manufacturer admin's own identity
     * @param manifest the signed manifest
     * @return the committed transaction
     * @throws LedgerException {@code FIRMWARE_EXISTS}, the manifest codes, {@code ACCESS_DENIED}, or a ledger failure
     */
    public LedgerResult publish(LedgerIdentity admin, FirmwareManifest manifest) throws LedgerException {
        return client.submit(
                admin,
                CONTRACT,
                "PublishFirmware",
                "firmware:" + manifest.model() + "@" + manifest.version(),
                LedgerJson.write(json, manifest.toFields()),
                Map.of());
    }

    /**
     * Submits {@code RevokeFirmware}.
     *
     * @param admin the manufacturer admin's own identity
     * @param model the model
     * @param version the version
     * @param reason why, for the audit trail
     * @return the committed transaction
     * @throws LedgerException {@code FIRMWARE_NOT_FOUND}, {@code FIRMWARE_REVOKED}, {@code ACCESS_DENIED}, or a ledger
     *     failure
     */
    public LedgerResult revoke(LedgerIdentity admin, String model, String version, String reason)
            throws LedgerException {
        return client.submit(
                admin,
                CONTRACT,
                "RevokeFirmware",
                "firmware:" + model + "@" + version,
                LedgerJson.write(json, new RevokeArgs(model, version, reason)),
                Map.of());
    }

    /**
     * Submits {@code RegisterFirmwareSigningKey} for the admin's own organisation.
     *
     * @param admin the admin's own identity
     * @param publicKeyPem the P-256 public key, PEM
     * @return the key record
     * @throws LedgerException {@code FIRMWARE_SIGNING_KEY_EXISTS}, {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or
     *     a ledger failure
     */
    public LedgerSigningKey registerSigningKey(LedgerIdentity admin, String publicKeyPem) throws LedgerException {
        LedgerResult result = client.submit(
                admin,
                CONTRACT,
                "RegisterFirmwareSigningKey",
                null,
                LedgerJson.write(json, Map.of("publicKeyPem", publicKeyPem)),
                Map.of());
        return LedgerJson.read(json, result.payload(), LedgerSigningKey.class);
    }

    /**
     * Evaluates {@code ListFirmwareSigningKeys} as the gateway.
     *
     * @param manufacturerMsp the manufacturer's MSP ID
     * @return its keys, revoked ones included
     * @throws LedgerException {@code INVALID_ARGUMENT} or a ledger failure
     */
    public List<LedgerSigningKey> signingKeys(String manufacturerMsp) throws LedgerException {
        return LedgerJson.read(
                json,
                client.evaluate(client.gatewayIdentity(), CONTRACT, "ListFirmwareSigningKeys", manufacturerMsp),
                KEYS);
    }

    /**
     * Evaluates {@code GetFirmware} as the gateway.
     *
     * @param model the model
     * @param version the version
     * @return the record, or empty when none is published
     * @throws LedgerException a ledger failure
     */
    public Optional<LedgerFirmware> get(String model, String version) throws LedgerException {
        try {
            byte[] payload = client.evaluate(client.gatewayIdentity(), CONTRACT, "GetFirmware", model, version);
            return Optional.of(LedgerJson.read(json, payload, LedgerFirmware.class));
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.FIRMWARE_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Finds the highest sequence number of a model's firmware on the ledger, revoked versions included, by paging
     * through {@code ListFirmware} as the gateway (200 records a page, at most {@value #MAX_LIST_PAGES} pages). It is the
     * consortium's catalogue, so it counts versions published through any gateway or straight through the chaincode.
     *
     * @param model the model, {@code <MSP ID>/<name>}
     * @return the highest sequence, or 0 when the model has no firmware
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public long highestSequence(String model) throws LedgerException {
        long highest = 0;
        String bookmark = null;
        for (int page = 0; page < MAX_LIST_PAGES; page++) {
            String query = LedgerJson.write(json, new ListArgs(model, LIST_PAGE_SIZE, bookmark));
            FirmwarePage records = LedgerJson.read(
                    json,
                    client.evaluate(client.gatewayIdentity(), CONTRACT, "ListFirmware", query),
                    FirmwarePage.class);
            for (LedgerFirmware firmware : records.records()) {
                highest = Math.max(highest, firmware.sequence());
            }
            if (records.bookmark().isEmpty() || records.records().size() < LIST_PAGE_SIZE) {
                return highest;
            }
            bookmark = records.bookmark();
        }
        return highest;
    }

    /**
     * Submits {@code RecordFirmwareUpdate} as the gateway with the device's signed installation receipt.
     *
     * @param deviceId the device
     * @param version the installed version
     * @param signature base64 of the device's signature over its {@code biotdm-firmware-receipt-v1} text
     * @return the device record and the transaction
     * @throws LedgerException {@code DEVICE_NOT_FOUND}, {@code FIRMWARE_NOT_FOUND}, {@code FIRMWARE_REVOKED}, {@code
     *     RECEIPT_SIGNATURE_INVALID}, {@code FIRMWARE_DOWNGRADE}, or a ledger failure
     */
    public LedgerResult recordUpdate(String deviceId, String version, String signature) throws LedgerException {
        return client.submit(
                client.gatewayIdentity(),
                CONTRACT,
                "RecordFirmwareUpdate",
                "device:" + deviceId,
                LedgerJson.write(json, new RecordArgs(deviceId, version, signature)),
                Map.of());
    }

    /**
     * Reads the device record a {@code RecordFirmwareUpdate} returned.
     *
     * @param result the transaction's result
     * @return the device
     * @throws LedgerException when the payload is unreadable
     */
    public LedgerDevice device(LedgerResult result) throws LedgerException {
        return LedgerJson.read(json, result.payload(), LedgerDevice.class);
    }

    /** RevokeFirmware's argument. */
    @Serdeable
    record RevokeArgs(String model, String version, String reason) {}

    /** RecordFirmwareUpdate's argument. */
    @Serdeable
    record RecordArgs(String deviceId, String version, String signature) {}

    /** The argument of ListFirmware. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ListArgs(String model, int pageSize, @Nullable String bookmark) {}

    /**
     * One page of {@code ListFirmware}.
     *
     * @param bookmark where the next page starts, empty on the last page
     * @param records the firmware records
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FirmwarePage(@Nullable String bookmark, @Nullable List<LedgerFirmware> records) {
        FirmwarePage {
            bookmark = bookmark == null ? "" : bookmark;
            records = records == null ? List.of() : List.copyOf(records);
        }
    }
}
