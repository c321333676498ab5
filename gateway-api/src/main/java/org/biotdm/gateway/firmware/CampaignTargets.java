package org.biotdm.gateway.firmware;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiUser;

/**
 * Resolves a campaign's target into devices, running steps 5 and 6 of {@code protocol/firmware-manifest-v1.md} per
 * device (model, and a sequence higher than that of the version the ledger says it runs). Listed devices must all
 * pass (the first that does not is refused by its code); a group or model target takes the devices that pass and
 * leaves out those already on this firmware or newer.
 */
@Singleton
class CampaignTargets {
    private final FirmwareJdbc jdbc;
    private final DeviceRegistry registry;
    private final DeviceAccess access;
    private final FirmwareLedger ledger;

    CampaignTargets(FirmwareJdbc jdbc, DeviceRegistry registry, DeviceAccess access, FirmwareLedger ledger) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.access = access;
        this.ledger = ledger;
    }

    /**
     * Returns the target devices, in the order they will be notified.
     *
     * @param operator the operator creating the campaign
     * @param request the request
     * @param firmware the firmware
     * @param max the most devices
     * @return the devices
     * @throws ApiException 400 {@code CAMPAIGN_TARGET_INVALID}; for listed devices 404 {@code DEVICE_NOT_FOUND}, 403
     *     {@code DEVICE_ACCESS_DENIED}, 409 {@code FIRMWARE_MODEL_MISMATCH}, {@code FIRMWARE_DOWNGRADE}
     */
    List<DeviceRecord> resolve(ApiUser operator, CreateCampaignRequest request, FirmwareImageRow firmware, int max) {
        Map<String, Long> sequences = new HashMap<>();
        List<DeviceRecord> out = new ArrayList<>();
        if ("DEVICES".equals(request.target())) {
            if (request.deviceIds() == null || request.deviceIds().size() > max) {
                throw invalid("A DEVICES target lists 1 to " + max + " devices");
            }
            for (String deviceId : request.deviceIds().stream().distinct().toList()) {
                DeviceRecord device = access.requireReadable(operator, deviceId);
                checkModel(device, firmware);
                checkNewer(device, firmware, sequences);
                out.add(device);
            }
            return out;
        }
        for (String deviceId : candidates(request, max)) {
            registry.find(deviceId)
                    .filter(d -> d.status() == DeviceStatus.ACTIVE && access.canRead(operator, d))
                    .filter(d -> installedSequence(d, sequences) < firmware.sequence())
                    .ifPresent(out::add);
        }
        if (out.isEmpty()) {
            throw invalid("No device of the target may take " + firmware.model() + " " + firmware.version());
        }
        return out;
    }

    private List<String> candidates(CreateCampaignRequest request, int max) {
        List<String> ids;
        if ("GROUP".equals(request.target())) {
            if (request.group() == null) {
                throw invalid("A GROUP target names its group");
            }
            ids = jdbc.query(
                    "SELECT device_id FROM devices WHERE model = ? AND device_group = ? AND status = 'ACTIVE'"
                            + " ORDER BY device_id LIMIT ?",
                    r -> r.getString(1),
                    request.model(),
                    request.group(),
                    max + 1);
        } else {
            ids = jdbc.query(
                    "SELECT device_id FROM devices WHERE model = ? AND status = 'ACTIVE' ORDER BY device_id LIMIT ?",
                    r -> r.getString(1),
                    request.model(),
                    max + 1);
        }
        if (ids.size() > max) {
            throw invalid("The target holds more than " + max + " devices");
        }
        return ids;
    }

    private static void checkModel(DeviceRecord device, FirmwareImageRow firmware) {
        if (!firmware.model().equals(device.model())) {
            throw new ApiException(
                    ErrorCode.FIRMWARE_MODEL_MISMATCH,
                    "Device " + device.deviceId() + " is a " + device.model() + ", the firmware for "
                            + firmware.model());
        }
    }

    private void checkNewer(DeviceRecord device, FirmwareImageRow firmware, Map<String, Long> sequences) {
        long installed = installedSequence(device, sequences);
        if (firmware.sequence() <= installed) {
            throw new ApiException(
                    ErrorCode.FIRMWARE_DOWNGRADE,
                    "Device " + device.deviceId() + " runs sequence " + installed + ", not lower than "
                            + firmware.sequence());
        }
    }

    /** The sequence of the version the ledger says the device runs: 0 when that version was never published. */
    private long installedSequence(DeviceRecord device, Map<String, Long> sequences) {
        String version = device.firmwareVersion();
        if (version == null || device.model() == null) {
            return 0;
        }
        return sequences.computeIfAbsent(version, v -> {
            try {
                return ledger.get(device.model(), v)
                        .map(LedgerFirmware::sequence)
                        .orElse(0L);
            } catch (LedgerException e) {
                if (e.code() == ErrorCode.INVALID_ARGUMENT) {
                    return 0L; // a version text the catalogue cannot hold was never published
                }
                throw LedgerExceptionHandler.toApiException(e);
            }
        });
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.CAMPAIGN_TARGET_INVALID, message);
    }
}
