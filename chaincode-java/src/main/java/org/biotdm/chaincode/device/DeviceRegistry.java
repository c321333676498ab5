package org.biotdm.chaincode.device;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.chaincode.group.GroupStore;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Hashes;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;

/**
 * Applies the device rules: who may change a device, which lifecycle transitions exist, how a claim token is
 * checked and spent, and how keys rotate. It reads and writes through {@link DeviceStore}.
 */
public final class DeviceRegistry {
    /** Name of the transient-map entry that carries the claim token in ClaimDevice. */
    public static final String CLAIM_TOKEN_TRANSIENT = "claimToken";

    private static final int MIN_TOKEN_BYTES = 16;
    private static final int MAX_TOKEN_BYTES = 256;

    private final Tx tx;
    private final DeviceStore store;

    /**
     * Creates the registry for one transaction.
     *
     * @param tx the transaction
     */
    public DeviceRegistry(final Tx tx) {
        this.tx = tx;
        this.store = new DeviceStore(tx.stub());
    }

    /**
     * Starts a copy of a device stamped with this transaction's time and caller.
     *
     * @param tx the transaction
     * @param device the record to change
     * @return a builder with {@code updatedAt}, {@code updatedBy} and {@code updatedByMsp} set
     */
    public static Device.Builder touched(final Tx tx, final Device device) {
        return device.toBuilder()
                .updatedAt(tx.nowMillis())
                .updatedBy(tx.caller().id())
                .updatedByMsp(tx.caller().mspId());
    }

    /**
     * Registers a device owned by the caller's organisation.
     *
     * @param request the parsed request
     * @return the new record
     */
    Device register(final RegisterDeviceRequest request) {
        Access.requireRole(tx.caller(), Role.ADMIN);
        if (store.find(request.deviceId()).isPresent()) {
            throw ErrorCode.DEVICE_EXISTS.error("Device " + request.deviceId() + " already exists");
        }
        final Device device = request.toDevice(tx);
        store.create(device);
        return device;
    }

    /**
     * Binds a key to an unclaimed device after checking and spending its claim token, and activates it.
     *
     * @param request the validated request
     * @param claimToken the token bytes from the transient map, or {@code null}
     * @return the claimed record
     */
    Device claim(final DeviceKeyRequest request, final byte[] claimToken) {
        final Device device = store.get(request.deviceId());
        Access.requireOwner(tx.caller(), device.getOwnerMsp(), Role.GATEWAY);
        if (device.getClaimTokenSha256() == null) {
            throw ErrorCode.DEVICE_NOT_CLAIMABLE.error(
                    "Device " + device.getDeviceId() + " was registered with its key and has no claim token");
        }
        if (device.getClaimedAt() != null) {
            throw ErrorCode.CLAIM_TOKEN_SPENT.error(
                    "The claim token of device " + device.getDeviceId() + " was already spent");
        }
        checkToken(device, claimToken);
        requireTransition(device, DeviceStatus.ACTIVE);
        final Device claimed = touched(tx, device)
                .publicKeyPem(request.publicKeyPem())
                .certFingerprint(request.certFingerprint())
                .claimedAt(tx.nowMillis())
                .status(DeviceStatus.ACTIVE)
                .build();
        store.update(device, claimed);
        return claimed;
    }

    /**
     * Moves a device to another lifecycle status; only an admin of the owner organisation may.
     *
     * @param request the validated request
     * @param target the new status
     * @return the changed record
     */
    Device transition(final DeviceStatusRequest request, final DeviceStatus target) {
        final Device device = store.get(request.deviceId());
        Access.requireOwner(tx.caller(), device.getOwnerMsp(), Role.ADMIN);
        requireTransition(device, target);
        if (target == DeviceStatus.ACTIVE && device.getPublicKeyPem() == null) {
            throw ErrorCode.DEVICE_NOT_CLAIMED.error(
                    "Device " + device.getDeviceId() + " has no key yet; it must be claimed first");
        }
        final Device changed = touched(tx, device)
                .status(target)
                .statusReason(request.reason())
                .build();
        store.update(device, changed);
        return changed;
    }

    /**
     * Replaces a device's key, keeping the old fingerprint in the record.
     *
     * @param request the validated request
     * @return the changed record
     */
    Device rotateKey(final DeviceKeyRequest request) {
        final Device device = store.get(request.deviceId());
        Access.requireOwner(tx.caller(), device.getOwnerMsp(), Role.ADMIN, Role.GATEWAY);
        requireInService(device);
        if (device.getCertFingerprint() == null) {
            throw ErrorCode.DEVICE_NOT_CLAIMED.error("Device " + device.getDeviceId() + " has no key to rotate");
        }
        if (request.certFingerprint().equals(device.getCertFingerprint())
                || device.getPreviousFingerprints().contains(request.certFingerprint())) {
            throw ErrorCode.DEVICE_KEY_REUSED.error(
                    "Certificate fingerprint was already used by device " + device.getDeviceId());
        }
        final List<String> previous = new ArrayList<>(device.getPreviousFingerprints());
        previous.add(device.getCertFingerprint());
        final Device changed = touched(tx, device)
                .publicKeyPem(request.publicKeyPem())
                .certFingerprint(request.certFingerprint())
                .previousFingerprints(previous)
                .build();
        store.update(device, changed);
        return changed;
    }

    /**
     * Replaces a device's metadata and, optionally, its group label; a member of a group object changes group only
     * through the {@code groups} contract.
     *
     * @param request the validated request
     * @return the changed record
     */
    Device updateMetadata(final UpdateDeviceMetadataRequest request) {
        final Device device = store.get(request.deviceId());
        Access.requireOwner(tx.caller(), device.getOwnerMsp(), Role.ADMIN);
        requireInService(device);
        final String group = request.group() == null ? device.getGroup() : request.group();
        if (!group.equals(device.getGroup())
                && new GroupStore(tx.stub()).memberGroupOf(device).isPresent()) {
            throw ErrorCode.GROUP_MEMBERSHIP_CONFLICT.error("Device " + device.getDeviceId() + " is a member of group "
                    + device.getGroup() + "; move it with RemoveGroupMember and AddGroupMember");
        }
        final Device changed =
                touched(tx, device).metadata(request.metadata()).group(group).build();
        store.update(device, changed);
        return changed;
    }

    /**
     * Checks that a device is not decommissioned.
     *
     * @param device the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code DEVICE_DECOMMISSIONED}
     */
    public static void requireInService(final Device device) {
        if (device.getStatus() == DeviceStatus.DECOMMISSIONED) {
            throw ErrorCode.DEVICE_DECOMMISSIONED.error("Device " + device.getDeviceId() + " is decommissioned");
        }
    }

    private static void requireTransition(final Device device, final DeviceStatus target) {
        if (!device.getStatus().next().contains(target)) {
            throw ErrorCode.DEVICE_INVALID_TRANSITION.error(
                    "Device " + device.getDeviceId() + " cannot go from " + device.getStatus() + " to " + target);
        }
    }

    private static void checkToken(final Device device, final byte[] claimToken) {
        if (claimToken == null || claimToken.length < MIN_TOKEN_BYTES || claimToken.length > MAX_TOKEN_BYTES) {
            throw ErrorCode.INVALID_ARGUMENT.error("Transient field " + CLAIM_TOKEN_TRANSIENT + " must hold "
                    + MIN_TOKEN_BYTES + " to " + MAX_TOKEN_BYTES + " bytes");
        }
        final byte[] presented = Hashes.sha256Hex(claimToken).getBytes(UTF_8);
        if (!MessageDigest.isEqual(presented, device.getClaimTokenSha256().getBytes(UTF_8))) {
            throw ErrorCode.CLAIM_TOKEN_MISMATCH.error("The claim token does not match device " + device.getDeviceId());
        }
    }
}
