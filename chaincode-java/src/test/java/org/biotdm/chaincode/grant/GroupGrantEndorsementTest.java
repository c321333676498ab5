package org.biotdm.chaincode.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;
import static org.biotdm.chaincode.testing.Fleet.DEVICE;

import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.OrganisationGuard;
import org.biotdm.chaincode.support.OwnerEndorsement;
import org.biotdm.chaincode.testing.Args;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.World;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grants on a device group write the owner organisation's guard key, whose key-level policy needs a peer of the
 * owner, so two other organisations cannot endorse them alone.
 */
class GroupGrantEndorsementTest {
    private static final String ORG1_GUARD = OrganisationGuard.key("Org1MSP");

    private Fleet fleet;
    private World world;
    private GrantContract grants;

    @BeforeEach
    void setUp() {
        fleet = new Fleet();
        world = fleet.world;
        grants = fleet.grants;
        fleet.active(DEVICE);
    }

    private void grantGroup(final String grantId) {
        world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, fleet.groupGrantToOrg2(grantId)));
    }

    @Test
    void first_group_grant_creates_the_owners_guard_under_the_owners_policy() {
        grantGroup("g-1");

        assertThat(world.stub().writes()).containsKey(ORG1_GUARD);
        assertThat(world.stub().metadataWrites()).containsOnlyKeys(ORG1_GUARD);
        assertThat(world.keyPolicyOrgs(ORG1_GUARD)).containsExactly("Org1MSP");
        assertThat(world.stub().committedValidationParameter(ORG1_GUARD)).isEqualTo(OwnerEndorsement.policy("Org1MSP"));
    }

    @Test
    void later_group_grants_and_revocations_write_the_guard_without_touching_its_policy() {
        grantGroup("g-1");

        grantGroup("g-2");

        assertThat(world.stub().writes()).containsKey(ORG1_GUARD);
        assertThat(world.stub().metadataWrites()).isEmpty();

        world.submit(Identity.ORG1_ADMIN, ctx -> grants.revokeDeviceAccess(ctx, Args.json("grantId", "g-1")));

        assertThat(world.stub().writes()).containsKey(ORG1_GUARD);
        assertThat(world.stub().metadataWrites()).isEmpty();
        assertThat(world.keyPolicyOrgs(ORG1_GUARD)).containsExactly("Org1MSP");
    }

    @Test
    void device_grants_leave_the_organisation_guard_alone() {
        world.submit(Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, fleet.grantToOrg2("g-1", DEVICE)));

        assertThat(world.stub().writes()).doesNotContainKey(ORG1_GUARD).containsKey(Keys.of(Keys.DEVICE_GUARD, DEVICE));
        assertThat(world.state(ORG1_GUARD)).isNull();
    }

    @Test
    void a_group_grant_of_another_organisation_writes_its_own_guard_only() {
        world.submit(Identity.ORG2_ADMIN, ctx -> grants.grantDeviceAccess(ctx, fleet.groupGrantToOrg2("g-1")));

        assertThat(world.stub().writes())
                .containsKey(OrganisationGuard.key("Org2MSP"))
                .doesNotContainKey(ORG1_GUARD);
        assertThat(world.keyPolicyOrgs(OrganisationGuard.key("Org2MSP"))).containsExactly("Org2MSP");
    }

    @Test
    void a_guard_created_under_another_policy_is_refused_not_trusted() {
        // A colluding majority can create a key with any policy; the owner's chaincode must not build on it.
        world.submit(Identity.ORG2_ADMIN, ctx -> {
            ctx.getStub().putState(ORG1_GUARD, Keys.indexValue());
            OwnerEndorsement.require(ctx.getStub(), ORG1_GUARD, "Org2MSP");
            return "";
        });

        final var error = assertFails(
                world,
                ErrorCode.ACCESS_DENIED,
                () -> world.submit(
                        Identity.ORG1_ADMIN, ctx -> grants.grantDeviceAccess(ctx, fleet.groupGrantToOrg2("g-1"))));

        assertThat(error.getMessage()).contains("guard key of Org1MSP");
        assertThat(world.state(Keys.of(Keys.GRANT, "g-1"))).isNull();
    }
}
