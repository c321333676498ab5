package org.biotdm.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biotdm.gateway.grant.Grants.ALICE;
import static org.biotdm.gateway.grant.Grants.NOW;
import static org.biotdm.gateway.grant.Grants.device;
import static org.biotdm.gateway.grant.Grants.deviceGrant;
import static org.biotdm.gateway.grant.Grants.groupGrant;
import static org.biotdm.gateway.grant.Grants.operator;
import static org.biotdm.gateway.grant.Grants.user;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.grant.GrantIndex;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GrantDeviceAccessTest {
    private final DeviceRecord own = device("d-own", "Org1MSP", "lab");
    private final DeviceRecord foreign = device("d-foreign", "Org2MSP", "lab");
    private final Map<String, DeviceRecord> devices = Map.of(own.deviceId(), own, foreign.deviceId(), foreign);
    private final GrantIndex grants = new GrantIndex();
    private final GrantDeviceAccess access = new GrantDeviceAccess(
            id -> Optional.ofNullable(devices.get(id)), grants, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    private final ApiUser admin = user(ApiRole.ADMIN, "Org1MSP", "x509::CN=admin1::CN=ca1");
    private final ApiUser auditor = user(ApiRole.AUDITOR, "Org1MSP", "x509::CN=auditor1::CN=ca1");
    private final ApiUser otherAdmin = user(ApiRole.ADMIN, "Org2MSP", "x509::CN=admin2::CN=ca2");
    private final ApiUser alice = operator("Org1MSP", ALICE);

    @Nested
    class CanRead {
        @Test
        void admins_and_auditors_read_their_organisations_devices_only() {
            assertThat(access.canRead(admin, own)).isTrue();
            assertThat(access.canRead(auditor, own)).isTrue();
            assertThat(access.canRead(admin, foreign)).isFalse();
            assertThat(access.canRead(auditor, foreign)).isFalse();
            assertThat(access.canRead(otherAdmin, foreign)).isTrue();
            assertThat(access.canRead(otherAdmin, own)).isFalse();
        }

        @Test
        void operator_without_grant_reads_nothing_not_even_own_organisations_devices() {
            assertThat(access.canRead(alice, own)).isFalse();
            assertThat(access.canRead(alice, foreign)).isFalse();
        }

        @Test
        void operator_reads_granted_devices_of_any_owner() {
            grants.replaceAll(List.of(
                    deviceGrant("g1", "Org1MSP", "Org1MSP", ALICE, "d-own"),
                    groupGrant("g2", "Org2MSP", "Org1MSP", null, "lab")));

            assertThat(access.canRead(alice, own)).isTrue();
            assertThat(access.canRead(alice, foreign)).isTrue();
        }
    }

    @Nested
    class Require {
        @Test
        void unknown_device_is_404_device_not_found() {
            assertThatThrownBy(() -> access.requireReadable(admin, "d-none"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().getCode()).isEqualTo(404);
                        assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_NOT_FOUND);
                    });
        }

        @Test
        void foreign_device_is_403_device_access_denied() {
            assertThatThrownBy(() -> access.requireReadable(admin, "d-foreign"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().getCode()).isEqualTo(403);
                        assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_ACCESS_DENIED);
                    });
        }

        @Test
        void only_an_admin_of_the_owner_administers() {
            grants.replaceAll(List.of(deviceGrant("g1", "Org1MSP", "Org1MSP", ALICE, "d-own")));

            assertThat(access.requireAdministrable(admin, "d-own")).isEqualTo(own);
            for (ApiUser refused : List.of(auditor, alice, otherAdmin)) {
                assertThatThrownBy(() -> access.requireAdministrable(refused, "d-own"))
                        .as(refused.username())
                        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code())
                                .isEqualTo(ErrorCode.DEVICE_ACCESS_DENIED));
            }
        }

        @Test
        void readable_device_is_returned() {
            assertThat(access.requireReadable(auditor, "d-own")).isEqualTo(own);
        }
    }
}
