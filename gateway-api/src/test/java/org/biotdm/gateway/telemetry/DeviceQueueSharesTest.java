package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceQueueSharesTest {
    @Test
    void a_device_at_its_maximum_is_refused_while_another_device_still_gets_a_place() {
        DeviceQueueShares shares = new DeviceQueueShares(2);

        assertThat(shares.tryAcquire("mote-flood")).isTrue();
        assertThat(shares.tryAcquire("mote-flood")).isTrue();

        assertThat(shares.tryAcquire("mote-flood")).isFalse();
        assertThat(shares.tryAcquire("mote-normal")).isTrue();
        assertThat(shares.waiting("mote-flood")).isEqualTo(2);
    }

    @Test
    void a_released_place_can_be_taken_again() {
        DeviceQueueShares shares = new DeviceQueueShares(1);
        shares.tryAcquire("mote-1");

        shares.release("mote-1");

        assertThat(shares.tryAcquire("mote-1")).isTrue();
    }

    @Test
    void a_device_leaves_the_table_when_its_last_batch_is_released() {
        DeviceQueueShares shares = new DeviceQueueShares(4);
        shares.tryAcquire("mote-1");
        shares.tryAcquire("mote-1");

        shares.release("mote-1");
        shares.release("mote-1");
        shares.release("mote-1");

        assertThat(shares.devices()).isZero();
        assertThat(shares.waiting("mote-1")).isZero();
    }
}
