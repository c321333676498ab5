package org.biotdm.gateway.grant;

import java.util.List;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/** Builds grants, devices and people for the grant index and access policy unit tests. */
public final class Grants {
    public static final long NOW = 1_700_000_000_000L;
    public static final String ALICE = "x509::CN=alice,OU=client::CN=ca.org1.example.com";
    public static final String BOB = "x509::CN=bob,OU=client::CN=ca.org1.example.com";

    private Grants() {}

    public static LedgerGrant deviceGrant(
            String grantId, String owner, String granteeMsp, String granteeId, String deviceId) {
        return grant(grantId, owner, granteeMsp, granteeId, deviceId, null, NOW + 60_000, LedgerGrant.ACTIVE);
    }

    public static LedgerGrant groupGrant(
            String grantId, String owner, String granteeMsp, String granteeId, String group) {
        return grant(grantId, owner, granteeMsp, granteeId, null, group, NOW + 60_000, LedgerGrant.ACTIVE);
    }

    public static LedgerGrant grant(
            String grantId,
            String owner,
            String granteeMsp,
            String granteeId,
            String deviceId,
            String group,
            long expiresAt,
            String status) {
        return new LedgerGrant(
                grantId,
                owner,
                granteeMsp,
                granteeId,
                deviceId,
                group,
                List.of("reboot"),
                expiresAt,
                status,
                null,
                NOW - 1000,
                NOW - 1000,
                "x509::CN=admin::CN=ca",
                owner);
    }

    public static DeviceRecord device(String deviceId, String owner, String group) {
        return new DeviceRecord(
                deviceId, owner, DeviceStatus.ACTIVE, null, null, group, owner + "/env-sensor", "1.0.0");
    }

    public static ApiUser user(ApiRole role, String msp, String fabricId) {
        return new ApiUser(1, role.value() + "-" + msp.toLowerCase(java.util.Locale.ROOT), msp, role, fabricId);
    }

    public static ApiUser operator(String msp, String fabricId) {
        return user(ApiRole.OPERATOR, msp, fabricId);
    }
}
