package org.biotdm.chaincode.grant;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.support.Caller;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Tx;

/**
 * Decides whether a caller may issue a command type to a device: some active grant of the device's owner must
 * name the device or its group, name the caller (or the caller's organisation), list the command type and not be
 * expired at the transaction time. Only grants their guard key lists count ({@link GrantGuard}): a record the owner's
 * peers never endorsed covers nothing.
 */
public final class GrantPolicy {
    private final Tx tx;
    private final GrantStore store;

    /**
     * Creates the policy for one transaction.
     *
     * @param tx the transaction
     */
    public GrantPolicy(final Tx tx) {
        this.tx = tx;
        this.store = new GrantStore(tx.stub());
    }

    /**
     * Finds the grant that authorises the caller; grants naming the device are preferred over group grants, then
     * the lowest grant id wins, so every endorser picks the same one.
     *
     * @param device the target device
     * @param commandType the command type
     * @return the covering grant
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code GRANT_REQUIRED} when none covers
     */
    public Grant requireCovering(final Device device, final String commandType) {
        return covering(device, commandType)
                .orElseThrow(() -> ErrorCode.GRANT_REQUIRED.error(
                        "No active grant lets " + tx.caller().id()
                                + " of " + tx.caller().mspId() + " issue " + commandType + " to device "
                                + device.getDeviceId()));
    }

    private Optional<Grant> covering(final Device device, final String commandType) {
        final List<Grant> candidates = new ArrayList<>(store.active(
                Keys.prefix(Keys.GRANT_BY_TARGET, device.getOwnerMsp(), Keys.TARGET_DEVICE, device.getDeviceId())));
        candidates.addAll(store.active(
                Keys.prefix(Keys.GRANT_BY_TARGET, device.getOwnerMsp(), Keys.TARGET_GROUP, device.getGroup())));
        return candidates.stream()
                .filter(grant -> covers(grant, tx.caller(), commandType))
                .findFirst();
    }

    private boolean covers(final Grant grant, final Caller caller, final String commandType) {
        return grant.getStatus() == GrantStatus.ACTIVE
                && grant.getExpiresAt() > tx.nowMillis()
                && grant.getGranteeMsp().equals(caller.mspId())
                && (grant.getGranteeId() == null || grant.getGranteeId().equals(caller.id()))
                && grant.getCommandTypes().contains(commandType);
    }
}
