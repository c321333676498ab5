package org.biotdm.gateway.fuzz;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceRegistration;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;

/** Registers and activates a device on the ledger, and waits until the gateway's registry sees it active. */
final class DeviceFixture {
    private final ApplicationContext context;

    DeviceFixture(ApplicationContext context) {
        this.context = context;
    }

    void registerActive(ApiUser admin, DeviceCredentials device) throws Exception {
        var identity = context.getBean(UserLedgerIdentities.class).identityOf(admin);
        DeviceLedger ledger = context.getBean(DeviceLedger.class);
        ledger.registerDevice(
                identity,
                new DeviceRegistration(
                        device.deviceId(),
                        "env-sensor",
                        "Org1MSP/env-sensor",
                        "1.0.0",
                        "lab",
                        Map.of(),
                        device.publicKeyPem(),
                        device.fingerprint(),
                        null));
        ledger.activateDevice(identity, device.deviceId(), null);
        DeviceRegistry registry = context.getBean(DeviceRegistry.class);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (registry.find(device.deviceId())
                        .map(d -> d.status() != DeviceStatus.ACTIVE)
                        .orElse(true)
                && System.nanoTime() - end < 0) {
            Thread.sleep(20);
        }
    }
}
