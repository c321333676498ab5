package org.biotdm.chaincode.device;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Runs the batch forms of RegisterDevice and ClaimDevice: every item goes through the very {@link DeviceRegistry}
 * method the single transaction calls, so it is checked, written, put under its owner's key-level endorsement policy
 * and recorded in its key's history exactly as the single transaction would. An item that method refuses is reported
 * with the method's error code and writes nothing (the registry writes only after its last check); the other items
 * are written.
 *
 * <p>The caller's role is checked once for the whole batch ({@code ACCESS_DENIED} refuses the transaction); whatever
 * concerns one device (its owner, its state, its token) is checked per item. An item whose {@code deviceId} appeared
 * in an earlier item of the same batch is refused with {@code INVALID_ARGUMENT}: Fabric gives a transaction no
 * read-your-writes, so the second item would not see the first.
 */
public final class DeviceBatch {
    /** Most items one batch transaction may carry. */
    public static final int MAX_ITEMS = 500;
    /** Largest accepted batch argument, in UTF-8 bytes. */
    public static final int MAX_ARGUMENT_BYTES = 1_048_576;

    private static final String CLAIM_TOKEN_PREFIX = DeviceRegistry.CLAIM_TOKEN_TRANSIENT + "/";

    private final Tx tx;
    private final DeviceRegistry registry;

    /**
     * Creates the batch runner for one transaction.
     *
     * @param tx the transaction
     */
    public DeviceBatch(final Tx tx) {
        this.tx = tx;
        this.registry = new DeviceRegistry(tx);
    }

    /**
     * Returns the transient-map key under which ClaimDevices expects a device's claim token.
     *
     * @param deviceId the device id
     * @return {@code claimToken/<deviceId>}
     */
    public static String claimTokenTransient(final String deviceId) {
        return CLAIM_TOKEN_PREFIX + deviceId;
    }

    /**
     * Registers each item as RegisterDevice does.
     *
     * @param request the parsed request
     * @return the per-item results
     * @throws ChaincodeException {@code ACCESS_DENIED} unless the caller is an {@code admin}; {@code
     *     INVALID_ARGUMENT} when the batch is empty or too long
     */
    BatchResult register(final RegisterDevicesRequest request) {
        Access.requireRole(tx.caller(), Role.ADMIN);
        return run(request.items(), RegisterDeviceRequest::rawDeviceId, registry::register);
    }

    /**
     * Claims each item as ClaimDevice does, with the token found under {@link #claimTokenTransient}.
     *
     * @param request the parsed request
     * @param transientData the transaction's transient map
     * @return the per-item results
     * @throws ChaincodeException {@code ACCESS_DENIED} unless the caller is a {@code gateway}; {@code
     *     INVALID_ARGUMENT} when the batch is empty or too long
     */
    BatchResult claim(final ClaimDevicesRequest request, final Map<String, byte[]> transientData) {
        Access.requireRole(tx.caller(), Role.GATEWAY);
        return run(
                request.items(),
                DeviceKeyRequest::deviceId,
                item -> registry.claim(item.validate(), transientData.get(claimTokenTransient(item.deviceId()))));
    }

    /**
     * Checks a batch's item list.
     *
     * @param <T> the item type
     * @param field the list's field name, for the message
     * @param items the list as parsed
     * @return the list
     * @throws ChaincodeException {@code INVALID_ARGUMENT} when it is missing, empty, longer than {@value #MAX_ITEMS}
     *     or holds {@code null}
     */
    static <T> List<T> checkSize(final String field, final List<T> items) {
        Check.required(field, items);
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw Check.invalid(field, "must hold 1 to " + MAX_ITEMS + " items, not " + items.size());
        }
        if (items.contains(null)) {
            throw Check.invalid(field, "must not hold null");
        }
        return items;
    }

    private static <T> BatchResult run(
            final List<T> items, final Function<T, String> idOf, final Function<T, Device> write) {
        final Set<String> seen = new HashSet<>();
        final List<BatchItem> results = new ArrayList<>(items.size());
        for (int index = 0; index < items.size(); index++) {
            final T item = items.get(index);
            final String deviceId = idOf.apply(item);
            try {
                if (deviceId != null && !seen.add(deviceId)) {
                    throw ErrorCode.INVALID_ARGUMENT.error(
                            "Device " + deviceId + " appears in an earlier item of the batch");
                }
                results.add(BatchItem.written(index, write.apply(item)));
            } catch (ChaincodeException e) {
                results.add(BatchItem.refused(index, deviceId, new String(e.getPayload(), UTF_8), e.getMessage()));
            }
        }
        return new BatchResult(results);
    }
}
