package org.biotdm.chaincode.firmware;

import java.util.Optional;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Ledger;
import org.biotdm.chaincode.support.Page;
import org.biotdm.chaincode.support.PageRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Owns the firmware keys: one record per model and version under {@code biotdm.firmware/<model>/<version>}.
 */
public final class FirmwareStore {
    private final ChaincodeStub stub;

    /**
     * Creates the store.
     *
     * @param stub the chaincode stub
     */
    public FirmwareStore(final ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Returns the world-state key of a firmware record.
     *
     * @param model the device model
     * @param version the firmware version
     * @return the composite key
     */
    public static String key(final String model, final String version) {
        return Keys.of(Keys.FIRMWARE, model, version);
    }

    /**
     * Looks a firmware version up.
     *
     * @param model the device model
     * @param version the firmware version
     * @return the record, or empty
     */
    public Optional<Firmware> find(final String model, final String version) {
        final byte[] value = stub.getState(key(model, version));
        return value == null || value.length == 0 ? Optional.empty() : Optional.of(Json.read(value, Firmware.class));
    }

    /**
     * Reads a firmware version that must exist.
     *
     * @param model the device model
     * @param version the firmware version
     * @return the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FIRMWARE_NOT_FOUND}
     */
    public Firmware get(final String model, final String version) {
        return find(model, version)
                .orElseThrow(() -> ErrorCode.FIRMWARE_NOT_FOUND.error(
                        "Firmware " + version + " is not published for model " + model));
    }

    /**
     * Writes a firmware record.
     *
     * @param firmware the record
     */
    void put(final Firmware firmware) {
        stub.putState(key(firmware.getModel(), firmware.getVersion()), Json.bytes(firmware));
    }

    /**
     * Reads one page of a model's firmware, in version text order; read-only transactions only.
     *
     * @param query the validated query
     * @return the page
     */
    Page<Firmware> list(final ListFirmwareQuery query) {
        final PageRequest page = query.page();
        return Ledger.page(
                stub.getStateByPartialCompositeKeyWithPagination(
                        Keys.prefix(Keys.FIRMWARE, query.model()), page.pageSize(), page.bookmark()),
                entry -> Json.read(entry.getValue(), Firmware.class));
    }
}
