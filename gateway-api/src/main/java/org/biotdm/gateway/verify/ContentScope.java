package org.biotdm.gateway.verify;

import java.util.List;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.users.ApiUser;

/**
 * Withholds reading contents from a caller who may not read the reading's device. Window roots, counts, statuses,
 * leaf hashes and inclusion proofs are consortium evidence and stay; device IDs, sensors, times, values and units
 * (and the canonical leaf bytes, which encode them) are telemetry and follow {@link DeviceAccess#canRead}, the rule of
 * {@code GET /api/v1/devices/{id}/telemetry}. A reading of a device the registry does not know is withheld too.
 */
final class ContentScope {
    private final DeviceRegistry registry;
    private final DeviceAccess access;
    private final ApiUser user;

    /**
     * Creates the scope of one caller.
     *
     * @param registry the device registry
     * @param access the device access rules
     * @param user the caller
     */
    ContentScope(DeviceRegistry registry, DeviceAccess access, ApiUser user) {
        this.registry = registry;
        this.access = access;
        this.user = user;
    }

    /**
     * Scopes a proof: unchanged when the caller may read the reading's device, otherwise without {@code reading},
     * {@code leafText} and {@code leafBytes}.
     *
     * @param proof the full proof
     * @return the proof the caller may see
     */
    ReadingProofResponse scope(ReadingProofResponse proof) {
        return mayRead(proof.reading().deviceId()) ? proof : proof.withoutContents();
    }

    /**
     * Scopes a stored reading of a window: unchanged when the caller may read its device, otherwise its ID and leaf
     * hash alone.
     *
     * @param reading the full reading
     * @return the reading the caller may see
     */
    WindowReadingsPage.Reading scope(WindowReadingsPage.Reading reading) {
        return mayRead(reading.reading().deviceId()) ? reading : reading.withoutContents();
    }

    /**
     * Scopes a verification report: every named reading of a device the caller may not read keeps only its ID, leaf
     * index and leaf hashes.
     *
     * @param report the full report
     * @return the report the caller may see
     */
    VerifyResponse scope(VerifyResponse report) {
        List<WindowVerification> windows =
                report.windows().stream().map(this::scope).toList();
        return new VerifyResponse(report.device(), report.from(), report.to(), report.summary(), windows);
    }

    private WindowVerification scope(WindowVerification w) {
        return new WindowVerification(
                w.windowId(),
                w.window(),
                w.startTime(),
                w.endTime(),
                w.status(),
                w.match(),
                w.onChainRoot(),
                w.recomputedRoot(),
                w.leafCount(),
                w.onChainLeafCount(),
                w.hashScheme(),
                w.transactionId(),
                w.blockNumber(),
                w.leafRecordIntact(),
                scope(w.changed()),
                scope(w.missing()),
                scope(w.extra()),
                scope(w.inconsistent()));
    }

    private List<ReadingRef> scope(List<ReadingRef> refs) {
        return refs.stream()
                .map(r -> r.deviceId() == null || mayRead(r.deviceId()) ? r : r.withoutContents())
                .toList();
    }

    private boolean mayRead(String deviceId) {
        return registry.find(deviceId).map(d -> access.canRead(user, d)).orElse(false);
    }
}
