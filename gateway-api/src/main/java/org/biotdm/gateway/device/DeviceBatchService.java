package org.biotdm.gateway.device;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>Each item's fields are checked here, item by item, with the constraints {@code POST /api/v1/devices} applies to
 * one device: a malformed item is refused with {@code INVALID_ARGUMENT} (naming the field) and never sent, while the
 * well-formed ones go to the ledger; a batch with no well-formed item writes no transaction.
 *
 * <p>The registered records go into the in-memory registry at once, as with a single registration; their {@code
 * devices} rows are written by the event listener from the batch's {@code DevicesRegistered} event.
 */
@Singleton
final class DeviceBatchService {
    private final DeviceLedger ledger;
    private final UserLedgerIdentities identities;
    private final LedgerDeviceRegistry registry;
    private final Validator validator;

    /**
     * Creates the service.
     *
     * @param ledger the device ledger
     * @param identities the people's Fabric identities
     * @param registry the in-memory device registry
     * @param validator checks each item's constraints
     */
    public DeviceBatchService(
            DeviceLedger ledger, UserLedgerIdentities identities, LedgerDeviceRegistry registry, Validator validator) {
        this.ledger = ledger;
        this.identities = identities;
        this.registry = registry;
        this.validator = validator;
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
        List<RegisterDevicesRequest.Item> sent = request.devices();
        List<RegisterDevicesResponse.Item> malformed = new ArrayList<>();
        List<Integer> wellFormed = new ArrayList<>(sent.size());
        sort(sent, wellFormed, malformed);
        if (wellFormed.isEmpty()) {
            return response(malformed, null, 0);
        }
        try {
            DeviceLedger.BatchChange change = ledger.registerDevices(
                    identities.identityOf(user),
                    wellFormed.stream().map(i -> sent.get(i).registration()).toList());
            List<RegisterDevicesResponse.Item> items = answer(user.mspId(), sent, wellFormed, change);
            items.addAll(malformed);
            items.sort(Comparator.comparingInt(RegisterDevicesResponse.Item::index));
            return response(
                    items, change.receipt().transactionId(), change.receipt().blockNumber());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /** Puts each item's index into {@code wellFormed}, or its refusal into {@code malformed}. */
    private void sort(
            List<RegisterDevicesRequest.Item> sent,
            List<Integer> wellFormed,
            List<RegisterDevicesResponse.Item> malformed) {
        for (int index = 0; index < sent.size(); index++) {
            String problem = problem(sent.get(index));
            if (problem == null) {
                wellFormed.add(index);
            } else {
                malformed.add(new RegisterDevicesResponse.Item(
                        index,
                        sent.get(index).deviceId(),
                        Outcome.REFUSED,
                        ErrorCode.INVALID_ARGUMENT.name(),
                        problem,
                        null));
            }
        }
    }

    /** The item's first constraint violation as {@code field: message}, or null when it is well-formed. */
    private String problem(RegisterDevicesRequest.Item item) {
        return validator.validate(item).stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(DeviceBatchService::describe)
                .orElse(null);
    }

    private static String describe(ConstraintViolation<RegisterDevicesRequest.Item> violation) {
        return violation.getPropertyPath() + ": " + violation.getMessage();
    }

    /**
     * The results of the items sent to the ledger, with their indexes in the request; {@code sentIndexes.get(i)} is
     * the request index of the ledger batch's item {@code i}.
     */
    private List<RegisterDevicesResponse.Item> answer(
            String mspId,
            List<RegisterDevicesRequest.Item> sent,
            List<Integer> sentIndexes,
            DeviceLedger.BatchChange change)
            throws LedgerException {
        Map<String, LedgerDevice> existing = existing(change.batch());
        List<RegisterDevicesResponse.Item> items = new ArrayList<>(sent.size());
        for (LedgerBatch.Item item : change.batch().items()) {
            int index = sentIndexes.get(item.index());
            if (item.written()) {
                registry.update(item.device());
                items.add(result(index, item, Outcome.REGISTERED, item.device()));
                continue;
            }
            LedgerDevice found = existing.get(item.deviceId());
            boolean same = found != null
                    && mspId.equals(found.ownerMsp())
                    && sent.get(index).claimTokenSha256().equals(found.claimTokenSha256());
            items.add(same ? result(index, item, Outcome.EXISTS, found) : refused(index, item));
        }
        return items;
    }

    private static RegisterDevicesResponse response(
            List<RegisterDevicesResponse.Item> items, String transactionId, long blockNumber) {
        return new RegisterDevicesResponse(
                count(items, Outcome.REGISTERED),
                count(items, Outcome.EXISTS),
                count(items, Outcome.REFUSED),
                transactionId,
                blockNumber,
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

    private static RegisterDevicesResponse.Item result(
            int index, LedgerBatch.Item item, Outcome outcome, LedgerDevice device) {
        return new RegisterDevicesResponse.Item(index, item.deviceId(), outcome, null, null, device);
    }

    private static RegisterDevicesResponse.Item refused(int index, LedgerBatch.Item item) {
        String message = item.message() == null ? item.code() : item.message().replaceFirst("^\\[[A-Z_]+\\] ", "");
        return new RegisterDevicesResponse.Item(
                index,
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
