package org.biotdm.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.biotdm.gateway.device.DeviceChangedEvent;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceStatus;
import org.junit.jupiter.api.Test;

class DeviceLiveEventsTest {
    @Test
    void republishes_a_registry_change_as_a_device_event() {
        List<LiveEvent> published = new ArrayList<>();
        DeviceRecord suspended = new DeviceRecord(
                "d-17", "Org2MSP", DeviceStatus.SUSPENDED, "ab".repeat(32), null, "lab", "Org2MSP/env", "1.2.0");

        new DeviceLiveEvents(published::add)
                .onApplicationEvent(new DeviceChangedEvent(suspended, "DeviceSuspended", "tx-1", 42));

        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("device");
            assertThat(event.deviceId()).isEqualTo("d-17");
            assertThat(event.ownerMsp()).isEqualTo("Org2MSP");
            assertThat(event.data())
                    .containsEntry("event", "DeviceSuspended")
                    .containsEntry("status", "SUSPENDED")
                    .containsEntry("transactionId", "tx-1")
                    .containsEntry("blockNumber", 42L)
                    .containsEntry("group", "lab")
                    .doesNotContainKey("publicKeyPem");
        });
    }
}
