package org.biotdm.gateway.device;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.biotdm.gateway.device.RegisterDevicesResponse.Outcome;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ChaincodeErrors;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;

/**
 * Bulk onboarding: registers up to {@value DeviceLedger#MAX_BATCH} devices in one {@code RegisterDevices} transaction
 * signed with the admin's own Fabric identity, and answers per item. An item the chaincode refuses with {@code
 * DEVICE_EXISTS} whose device is already this organisation's with the same claim token hash is reported {@code EXISTS}
 * rather than refused, so re-sending a batch (a lost response, a re-run import) changes nothing and reports success.
 *
 * <p>The registered records go into the in-memory registry at once, as with a single registration; their {@code
 * devices} rows are written by the event listener from the batch's {@code DevicesRegistered} event.
 */
@Singleton
final class DeviceBatchService {
    private final DeviceLedger ledger;
    private final UserLedgerIdentities identities;
    private final LedgerDeviceRegistry registry;

    /**
     * Creates the service.
     *
     * @param ledger the device ledger
     * @param identities the people's Fabric identities
     * @param registry the in-memory device registry
     */
    public DeviceBatchService(DeviceLedger ledger, UserLedgerIdentities identities, LedgerDeviceRegistry registry) {
        this.ledger = ledger;
        this.identities = identities;
        this.registry = registry;
    }

    /**
     * Registers a batch; see {@link DeviceBatchOperations#registerBatch} for the errors.
     *
     * @param user an admin
     * @param request the devices
     * @return the per-item results
     * @throws ApiException for the whole batch
     */
    public RegisterDevicesResponse register(ApiUser user, RegisterDevicesRequest request) {
        if (!user.is(ApiRole.ADMIN)) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "Only administrators register devices");
        }
        try {
            DeviceLedger.BatchChange change = ledger.registerDevices(
                    identities.identityOf(user),
                    request.devices().stream()
                            .map(RegisterDevicesRequest.Item::registration)
                            .toList());
            return answer(user.mspId(), request.devices(), change);
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    private RegisterDevicesResponse answer(
            String mspId, List<RegisterDevicesRequest.Item> sent, DeviceLedger.BatchChange change)
            throws LedgerException {
        Map<String, LedgerDevice> existing = existing(change.batch());
        List<RegisterDevicesResponse.Item> items = new ArrayList<>(sent.size());
        for (LedgerBatch.Item item : change.batch().items()) {
            if (item.written()) {
                registry.update(item.device());
                items.add(result(item, Outcome.REGISTERED, item.device()));
                continue;
            }
            LedgerDevice found = existing.get(item.deviceId());
            boolean same = found != null
                    && mspId.equals(found.ownerMsp())
                    && sent.get(item.index()).claimTokenSha256().equals(found.claimTokenSha256());
            items.add(same ? result(item, Outcome.EXISTS, found) : refused(item));
        }
        return new RegisterDevicesResponse(
                count(items, Outcome.REGISTERED),
                count(items, Outcome.EXISTS),
                count(items, Outcome.REFUSED),
                change.receipt().transactionId(),
                change.receipt().blockNumber(),
                items);
    }

    /** Reads, in one evaluation, the devices the batch found already registered. */
    private Map<String, LedgerDevice> existing(LedgerBatch batch) throws LedgerException {
        List<String> ids = batch.items().stream()
                .filter(item -> ErrorCode.DEVICE_EXISTS.name().equals(item.code()))
                .map(LedgerBatch.Item::deviceId)
                .toList();
        return ids.isEmpty()
                ? Map.of()
                : ledger.getDevices(ids).stream()
                        .collect(Collectors.toMap(LedgerDevice::deviceId, Function.identity()));
    }

    private static RegisterDevicesResponse.Item result(LedgerBatch.Item item, Outcome outcome, LedgerDevice device) {
        return new RegisterDevicesResponse.Item(item.index(), item.deviceId(), outcome, null, null, device);
    }

    private static RegisterDevicesResponse.Item refused(LedgerBatch.Item item) {
        String message = item.message() == null ? item.code() : item.message().replaceFirst("^\\[[A-Z_]+\\] ", "");
        return new RegisterDevicesResponse.Item(
                item.index(),
                item.deviceId(),
                Outcome.REFUSED,
                ChaincodeErrors.map(item.code()).name(),
                message,
                null);
    }

    private static int count(List<RegisterDevicesResponse.Item> items, Outcome outcome) {
        return (int) items.stream().filter(item -> item.outcome() == outcome).count();
    }
}
