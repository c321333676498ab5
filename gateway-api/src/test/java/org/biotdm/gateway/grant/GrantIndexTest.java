package org.biotdm.gateway.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.gateway.grant.Grants.ALICE;
import static org.biotdm.gateway.grant.Grants.BOB;
import static org.biotdm.gateway.grant.Grants.NOW;
import static org.biotdm.gateway.grant.Grants.device;
import static org.biotdm.gateway.grant.Grants.deviceGrant;
import static org.biotdm.gateway.grant.Grants.grant;
import static org.biotdm.gateway.grant.Grants.groupGrant;
import static org.biotdm.gateway.grant.Grants.operator;
import static org.biotdm.gateway.grant.Grants.user;

import java.util.List;
import org.biotdm.gateway.users.ApiRole;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class GrantIndexTest {
    private final GrantIndex index = new GrantIndex();

    @Nested
    class Covers {
        @Test
        void device_grant_to_one_operator_covers_that_device_for_that_operator_only() {
            index.replaceAll(List.of(deviceGrant("g1", "Org1MSP", "Org1MSP", ALICE, "d-1")));

            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW))
                    .isTrue();
            assertThat(index.covers(operator("Org1MSP", BOB), device("d-1", "Org1MSP", "lab"), NOW))
                    .isFalse();
            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-2", "Org1MSP", "lab"), NOW))
                    .isFalse();
        }

        @Test
        void grant_without_grantee_id_covers_every_operator_of_the_grantee_msp() {
            index.replaceAll(List.of(deviceGrant("g1", "Org1MSP", "Org2MSP", null, "d-1")));

            assertThat(index.covers(
                            operator("Org2MSP", "x509::CN=carol::CN=ca2"), device("d-1", "Org1MSP", "lab"), NOW))
                    .isTrue();
            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW))
                    .as("an operator of another MSP than the grantee MSP")
                    .isFalse();
        }

        @Test
        void group_grant_covers_devices_of_that_group_of_the_granting_owner_only() {
            index.replaceAll(List.of(groupGrant("g1", "Org1MSP", "Org1MSP", ALICE, "lab")));

            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW))
                    .isTrue();
            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-2", "Org1MSP", "field"), NOW))
                    .isFalse();
            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-3", "Org2MSP", "lab"), NOW))
                    .as("the same group name in another owner organisation")
                    .isFalse();
            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-4", "Org1MSP", null), NOW))
                    .isFalse();
        }

        @Test
        void device_grant_of_another_owner_does_not_cover_a_device_of_the_same_id() {
            index.replaceAll(List.of(deviceGrant("g1", "Org2MSP", "Org1MSP", ALICE, "d-1")));

            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW))
                    .isFalse();
        }

        @Test
        void expired_grant_stops_covering_at_its_expiry() {
            index.replaceAll(List.of(grant("g1", "Org1MSP", "Org1MSP", ALICE, "d-1", null, NOW, LedgerGrant.ACTIVE)));

            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW - 1))
                    .isTrue();
            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW))
                    .isFalse();
        }

        @Test
        void admins_and_auditors_are_never_covered_by_grants() {
            index.replaceAll(List.of(deviceGrant("g1", "Org1MSP", "Org1MSP", null, "d-1")));

            assertThat(index.covers(user(ApiRole.ADMIN, "Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW))
                    .isFalse();
            assertThat(index.covers(user(ApiRole.AUDITOR, "Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW))
                    .isFalse();
        }
    }

    @Nested
    class Changes {
        @Test
        void applying_a_revoked_grant_removes_it() {
            index.replaceAll(List.of(deviceGrant("g1", "Org1MSP", "Org1MSP", ALICE, "d-1")));

            index.apply(grant("g1", "Org1MSP", "Org1MSP", ALICE, "d-1", null, NOW + 60_000, "REVOKED"));

            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW))
                    .isFalse();
            assertThat(index.find("g1")).isEmpty();
            assertThat(index.size()).isZero();
        }

        @Test
        void applying_an_active_grant_adds_it_and_replaces_an_older_version() {
            index.apply(deviceGrant("g1", "Org1MSP", "Org1MSP", ALICE, "d-1"));
            index.apply(deviceGrant("g1", "Org1MSP", "Org1MSP", ALICE, "d-2"));

            assertThat(index.size()).isEqualTo(1);
            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-1", "Org1MSP", "lab"), NOW))
                    .isFalse();
            assertThat(index.covers(operator("Org1MSP", ALICE), device("d-2", "Org1MSP", "lab"), NOW))
                    .isTrue();
        }

        @Test
        void replace_all_drops_grants_missing_from_the_resync_and_ignores_revoked_ones() {
            index.apply(deviceGrant("g-old", "Org1MSP", "Org1MSP", ALICE, "d-1"));

            index.replaceAll(List.of(
                    deviceGrant("g-new", "Org1MSP", "Org1MSP", ALICE, "d-2"),
                    grant("g-rev", "Org1MSP", "Org1MSP", ALICE, "d-3", null, NOW + 60_000, "REVOKED")));

            assertThat(index.find("g-old")).isEmpty();
            assertThat(index.find("g-rev")).isEmpty();
            assertThat(index.find("g-new")).isPresent();
        }

        @Test
        void grants_naming_lists_only_grants_in_force_naming_the_operator() {
            index.replaceAll(List.of(
                    deviceGrant("g1", "Org1MSP", "Org1MSP", ALICE, "d-1"),
                    groupGrant("g2", "Org2MSP", "Org1MSP", null, "lab"),
                    deviceGrant("g3", "Org1MSP", "Org1MSP", BOB, "d-3"),
                    grant("g4", "Org1MSP", "Org1MSP", ALICE, "d-4", null, NOW - 1, LedgerGrant.ACTIVE)));

            assertThat(index.grantsNaming(operator("Org1MSP", ALICE), NOW))
                    .extracting(LedgerGrant::grantId)
                    .containsExactlyInAnyOrder("g1", "g2");
            assertThat(index.grantsNaming(user(ApiRole.ADMIN, "Org1MSP", ALICE), NOW))
                    .isEmpty();
        }
    }
}
