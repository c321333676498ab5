package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which chaincode events make the registry re-read a device. */
class DeviceEventListenerTest {
    @Test
    void device_events_and_group_membership_changes_re_read_the_device_other_group_events_do_not() {
        assertThat(DeviceEventListener.changesDevices("DeviceSuspended")).isTrue();
        assertThat(DeviceEventListener.changesDevices("DevicesClaimed")).isTrue();
        assertThat(DeviceEventListener.changesDevices("GroupMemberAdded")).isTrue();
        assertThat(DeviceEventListener.changesDevices("GroupMemberRemoved")).isTrue();
        assertThat(DeviceEventListener.changesDevices("GroupPolicyChanged")).isFalse();
        assertThat(DeviceEventListener.changesDevices("CommandIssued")).isFalse();
    }
}
