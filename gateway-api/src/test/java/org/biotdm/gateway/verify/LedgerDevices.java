package org.biotdm.gateway.verify;

import io.micronaut.context.ApplicationContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.biotdm.gateway.anchor.WsnReadings;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceRegistration;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;

/**
 * Registers the devices of test readings on the ledger for one organisation's admin, so that the gateway's device
 * access rules know whose readings they are. Device IDs get a run-unique prefix (the dev network is shared).
 */
final class LedgerDevices {
    private static final TestDevicePki PKI = TestDevicePki.create("Verification test device CA");

    private final ApplicationContext context;
    private final ApiUser admin;
    private final String prefix;
    private final Set<String> registered = new HashSet<>();

    LedgerDevices(ApplicationContext context, ApiUser admin, String prefix) {
        this.context = context;
        this.admin = admin;
        this.prefix = prefix;
    }

    /** Returns the batch under its prefixed device ID, registered to the admin's organisation on first use. */
    WsnReadings.Batch owned(WsnReadings.Batch batch) throws LedgerException {
        String deviceId = prefix + batch.deviceId();
        register(deviceId);
        return new WsnReadings.Batch(deviceId, batch.seq(), batch.ts(), batch.humidity(), batch.temperature());
    }

    /** Registers a device (once) to the admin's organisation. */
    void register(String deviceId) throws LedgerException {
        if (!registered.add(deviceId)) {
            return;
        }
        DeviceCredentials device = PKI.issue(deviceId);
        context.getBean(DeviceLedger.class)
                .registerDevice(
                        context.getBean(UserLedgerIdentities.class).identityOf(admin),
                        new DeviceRegistration(
                                deviceId,
                                "env-sensor",
                                admin.mspId() + "/TelosB",
                                "1.0.0",
                                "wsn",
                                Map.of(),
                                device.publicKeyPem(),
                                device.fingerprint(),
                                null));
    }
}
