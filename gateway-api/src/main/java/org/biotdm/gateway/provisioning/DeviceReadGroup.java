package org.biotdm.gateway.provisioning;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.LedgerDevice;
import org.biotdm.gateway.ledger.Gathering;
import org.biotdm.gateway.ledger.LedgerException;

/**
 * Reads the devices that concurrent provisioning requests are about, many in one {@code GetDevices} evaluation
 * instead of one {@code GetDevice} each: every claim reads its device from the ledger before the device CA signs, and
 * at fleet scale that read, with its signed proposal, chaincode call and endorsement, cost the gateway and the peer
 * more than the claim's share of the {@code ClaimDevices} transaction. Each caller gets the record its own {@code
 * GetDevice} would have read at that moment (the same peer's committed world state; a device that does not exist is
 * empty). Gathered with the claims' settings ({@code biotdm.claim-commit.linger} and {@code committers}), at most
 * {@value DeviceLedger#MAX_BATCH} devices per evaluation.
 */
@Singleton
public class DeviceReadGroup implements AutoCloseable {
    private final Gathering<String, Optional<LedgerDevice>> gathering;

    /**
     * Creates the read group; its threads start with the first read.
     *
     * @param ledger the device ledger
     * @param configuration the linger and the number of reads in flight
     */
    public DeviceReadGroup(DeviceLedger ledger, ClaimCommitConfiguration configuration) {
        this.gathering = new Gathering<>(
                "device-reads",
                Function.identity(),
                (deviceIds, outcomes) -> read(ledger, deviceIds, outcomes),
                configuration.linger(),
                DeviceLedger.MAX_BATCH,
                configuration.committers());
    }

    /**
     * Reads one device in the next {@code GetDevices}.
     *
     * @param deviceId a valid device ID
     * @return its record, or empty when the ledger has no such device
     * @throws LedgerException when the evaluation failed (unavailable ledger, a refusal of the whole read)
     */
    public Optional<LedgerDevice> read(String deviceId) throws LedgerException {
        return gathering.call(deviceId);
    }

    @PreDestroy
    @Override
    public void close() {
        gathering.close();
    }

    private static void read(
            DeviceLedger ledger, List<String> deviceIds, List<CompletableFuture<Optional<LedgerDevice>>> outcomes)
            throws LedgerException {
        Map<String, LedgerDevice> found = ledger.getDevices(deviceIds).stream()
                .collect(Collectors.toMap(LedgerDevice::deviceId, Function.identity()));
        for (int i = 0; i < deviceIds.size(); i++) {
            outcomes.get(i).complete(Optional.ofNullable(found.get(deviceIds.get(i))));
        }
    }
}
