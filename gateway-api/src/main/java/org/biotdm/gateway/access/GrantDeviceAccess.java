package org.biotdm.gateway.access;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.grant.GrantIndex;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * The {@link DeviceAccess} rules: admins and auditors see the devices their organisation owns; operators see the
 * devices an in-force grant covers for them ({@link GrantIndex}, the ledger's grants kept current by {@link
 * org.biotdm.gateway.grant.GrantEventListener}); only admins of the owner organisation administer a device. Devices
 * are looked up in the gateway's {@link DeviceRegistry} (in memory, refreshed by chaincode events), so {@link
 * #canRead} never touches the ledger or the database.
 */
@Singleton
public class GrantDeviceAccess implements DeviceAccess {

    private final DeviceRegistry registry;
    private final GrantIndex grants;
    private final Clock clock;

    /**
     * Creates the rules on the system clock.
     *
     * @param registry the device registry
     * @param grants the grant index
     */
    @Inject
    public GrantDeviceAccess(DeviceRegistry registry, GrantIndex grants) {
        this(registry, grants, Clock.systemUTC());
    }

    GrantDeviceAccess(DeviceRegistry registry, GrantIndex grants, Clock clock) {
        this.registry = registry;
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public boolean canRead(ApiUser user, DeviceRecord device) {
        return switch (user.role()) {
            case ADMIN, AUDITOR -> user.mspId().equals(device.ownerMsp());
            case OPERATOR -> grants.covers(user, device, clock.millis());
        };
    }

    @Override
    public List<Grantee> operatorGrantees(DeviceRecord device) {
        return grants.covering(device, clock.millis()).stream()
                .map(grant -> new Grantee(grant.granteeMsp(), grant.granteeId()))
                .toList();
    }

    @Override
    public DeviceRecord requireReadable(ApiUser user, String deviceId) {
        DeviceRecord device = find(deviceId);
        if (!canRead(user, device)) {
            throw denied(deviceId);
        }
        return device;
    }

    @Override
    public DeviceRecord requireAdministrable(ApiUser user, String deviceId) {
        DeviceRecord device = find(deviceId);
        if (!user.is(ApiRole.ADMIN) || !user.mspId().equals(device.ownerMsp())) {
            throw denied(deviceId);
        }
        return device;
    }

    private DeviceRecord find(String deviceId) {
        Optional<DeviceRecord> device = deviceId == null ? Optional.empty() : registry.find(deviceId);
        return device.orElseThrow(
                () -> new ApiException(ErrorCode.DEVICE_NOT_FOUND, "Device " + deviceId + " does not exist"));
    }

    private static ApiException denied(String deviceId) {
        return new ApiException(ErrorCode.DEVICE_ACCESS_DENIED, "You may not access device " + deviceId);
    }
}
