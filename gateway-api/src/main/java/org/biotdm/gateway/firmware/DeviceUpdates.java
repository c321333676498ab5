package org.biotdm.gateway.firmware;

import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ingress.AuthenticatedDevice;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerResult;
import org.biotdm.gateway.telemetry.DevicePublicKeys;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareReceipt;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * What devices do in a campaign, on the device port: fetch the image assigned to them, report their states, and
 * complete with their signed installation receipt, which goes on the ledger ({@code RecordFirmwareUpdate}) before the
 * update counts as {@code UPDATED}. A device only ever sees and changes its own update.
 */
@Singleton
class DeviceUpdates {
    private static final Set<ErrorCode> FINAL_REFUSALS = Set.of(
            ErrorCode.FIRMWARE_DOWNGRADE,
            ErrorCode.FIRMWARE_REVOKED,
            ErrorCode.FIRMWARE_NOT_FOUND,
            ErrorCode.RECEIPT_SIGNATURE_INVALID);

    private final Campaigns campaigns;
    private final FirmwareImages images;
    private final FirmwareImageStore store;
    private final FirmwareLedger ledger;
    private final FirmwareEvents events;
    private final ObjectMapper json;
    private final DevicePublicKeys keys = new DevicePublicKeys();

    DeviceUpdates(
            Campaigns campaigns,
            FirmwareImages images,
            FirmwareImageStore store,
            FirmwareLedger ledger,
            FirmwareEvents events,
            ObjectMapper json) {
        this.campaigns = campaigns;
        this.images = images;
        this.store = store;
        this.ledger = ledger;
        this.events = events;
        this.json = json;
    }

    /**
     * Finds the image file a device may download.
     *
     * @param device the device
     * @param sha256 the image's SHA-256
     * @return the file
     * @throws ApiException 404 {@code FIRMWARE_IMAGE_NOT_ASSIGNED}; 503 {@code DATABASE_UNAVAILABLE}
     */
    Path image(AuthenticatedDevice device, String sha256) {
        if (!campaigns.assigned(device.deviceId(), sha256)) {
            throw notAssigned();
        }
        return store.find(sha256).orElseThrow(DeviceUpdates::notAssigned);
    }

    /**
     * Records a state the device reports.
     *
     * @param device the device
     * @param report the report
     * @return the update
     * @throws ApiException 400 {@code INVALID_ARGUMENT} (FAILED without reason); 404 {@code CAMPAIGN_NOT_FOUND}; 409
     *     {@code FIRMWARE_UPDATE_INVALID_STATE}; 503 {@code DATABASE_UNAVAILABLE}
     */
    CampaignDeviceRow progress(AuthenticatedDevice device, ProgressRequest report) {
        UpdateState state = UpdateState.valueOf(report.state());
        if (state == UpdateState.FAILED && report.reason() == null) {
            throw ApiException.invalid("body.reason", "A FAILED report names its reason");
        }
        CampaignRow campaign = campaign(report.campaignId());
        CampaignDeviceRow row = update(campaign, device.deviceId());
        if (row.state() == state) {
            return row;
        }
        Set<UpdateState> from = Arrays.stream(UpdateState.values())
                .filter(s -> s != state && state.mayFollow(s))
                .collect(Collectors.toSet());
        if (!campaigns.moveDevice(campaign.campaignId(), device.deviceId(), from, state, report.reason(), null, null)) {
            throw new ApiException(
                    ErrorCode.FIRMWARE_UPDATE_INVALID_STATE, "The update is " + row.state() + ", not before " + state);
        }
        events.changed(campaign, device.deviceId(), row.ownerMsp(), state, report.reason());
        return update(campaign, device.deviceId());
    }

    /**
     * Verifies a device's installation receipt and records it on the ledger.
     *
     * @param device the device
     * @param receipt the receipt
     * @return the update, UPDATED
     * @throws ApiException 400 {@code RECEIPT_SIGNATURE_INVALID}; 404 {@code CAMPAIGN_NOT_FOUND}; 409 {@code
     *     FIRMWARE_UPDATE_INVALID_STATE}, {@code FIRMWARE_DOWNGRADE}, {@code FIRMWARE_REVOKED}; 503 {@code
     *     LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    CampaignDeviceRow receipt(AuthenticatedDevice device, FirmwareReceiptRequest receipt) {
        CampaignRow campaign = campaign(receipt.campaignId());
        CampaignDeviceRow row = update(campaign, device.deviceId());
        if (row.state() == UpdateState.UPDATED) {
            return row;
        }
        if (row.state().terminal() || row.state() == UpdateState.QUEUED) {
            throw new ApiException(ErrorCode.FIRMWARE_UPDATE_INVALID_STATE, "The update is " + row.state());
        }
        FirmwareManifest manifest = manifest(campaign);
        ECPublicKeyParameters key = keys.p256(device.record().publicKeyPem());
        if (key == null || !FirmwareReceipt.of(device.deviceId(), manifest).verify(key, receipt.signature())) {
            throw new ApiException(ErrorCode.RECEIPT_SIGNATURE_INVALID, "The receipt does not verify");
        }
        LedgerResult recorded;
        try {
            recorded = ledger.recordUpdate(device.deviceId(), manifest.version(), receipt.signature());
        } catch (LedgerException e) {
            ApiException refused = LedgerExceptionHandler.toApiException(e);
            if (FINAL_REFUSALS.contains(refused.code())) {
                fail(campaign, row, refused.code().name());
            }
            throw refused;
        }
        Set<UpdateState> from = Set.of(
                UpdateState.NOTIFIED,
                UpdateState.DOWNLOADING,
                UpdateState.DOWNLOADED,
                UpdateState.VERIFIED,
                UpdateState.UPDATING);
        if (campaigns.moveDevice(
                campaign.campaignId(),
                device.deviceId(),
                from,
                UpdateState.UPDATED,
                null,
                null,
                recorded.transactionId())) {
            events.changed(campaign, device.deviceId(), row.ownerMsp(), UpdateState.UPDATED, null);
        }
        return update(campaign, device.deviceId());
    }

    private void fail(CampaignRow campaign, CampaignDeviceRow row, String reason) {
        Set<UpdateState> open = Arrays.stream(UpdateState.values())
                .filter(s -> !s.terminal() && s != UpdateState.QUEUED)
                .collect(Collectors.toSet());
        if (campaigns.moveDevice(campaign.campaignId(), row.deviceId(), open, UpdateState.FAILED, reason, null, null)) {
            events.changed(campaign, row.deviceId(), row.ownerMsp(), UpdateState.FAILED, reason);
        }
    }

    private FirmwareManifest manifest(CampaignRow campaign) {
        FirmwareImageRow image = images.find(campaign.model(), campaign.version())
                .orElseThrow(() -> new ApiException(ErrorCode.FIRMWARE_NOT_FOUND, "The campaign's image is gone"));
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.readValue(image.manifestJson(), Map.class);
            return FirmwareManifest.fromFields(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CampaignRow campaign(String campaignId) {
        return campaigns.find(campaignId).orElseThrow(() -> notFound(campaignId));
    }

    private CampaignDeviceRow update(CampaignRow campaign, String deviceId) {
        return campaigns.device(campaign.campaignId(), deviceId).orElseThrow(() -> notFound(campaign.campaignId()));
    }

    private static ApiException notFound(String campaignId) {
        return new ApiException(ErrorCode.CAMPAIGN_NOT_FOUND, "This device is no target of campaign " + campaignId);
    }

    private static ApiException notAssigned() {
        return new ApiException(
                ErrorCode.FIRMWARE_IMAGE_NOT_ASSIGNED, "No open update of this device uses an image with this hash");
    }
}
