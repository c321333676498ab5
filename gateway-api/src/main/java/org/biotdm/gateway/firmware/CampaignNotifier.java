package org.biotdm.gateway.firmware;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biotdm.gateway.command.CommandService;
import org.biotdm.gateway.command.IssueCommandRequest;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.protocol.json.CanonicalJson;

/**
 * Notifies a campaign's queued devices as its rate allows: for each, a {@code firmware-update} command through the
 * existing command path ({@link CommandService}, signed by the campaign's operator, so the chaincode checks their grant
 * for the type), whose parameters are {@code {"campaignId","manifest":{…},"image":"/device/v1/firmware/<sha256>"}}.
 * The command ID is derived from campaign and device, so a notification repeated after a crash adopts the same
 * command. A refusal by the ledger (no grant, device not active) fails that device with the code as reason; an
 * unavailable ledger or database leaves it queued for the next tick.
 */
@Singleton
class CampaignNotifier implements AutoCloseable {
    /** The command type devices receive. */
    static final String COMMAND_TYPE = "firmware-update";

    private static final Set<ErrorCode> TRANSIENT = Set.of(
            ErrorCode.LEDGER_UNAVAILABLE,
            ErrorCode.LEDGER_UNKNOWN_OUTCOME,
            ErrorCode.LEDGER_CONFLICT,
            ErrorCode.DATABASE_UNAVAILABLE);

    private final FirmwareConfiguration configuration;
    private final Campaigns campaigns;
    private final FirmwareImages images;
    private final CommandService commands;
    private final FirmwareEvents events;
    private final ObjectMapper json;
    private final ExecutorService pool;

    CampaignNotifier(
            FirmwareConfiguration configuration,
            Campaigns campaigns,
            FirmwareImages images,
            CommandService commands,
            FirmwareEvents events,
            ObjectMapper json) {
        this.configuration = configuration;
        this.campaigns = campaigns;
        this.images = images;
        this.commands = commands;
        this.events = events;
        this.json = json;
        this.pool = Executors.newFixedThreadPool(configuration.notifyConcurrency(), r -> {
            Thread t = new Thread(r, "firmware-notify");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Notifies as many queued devices of the campaign's current stage as its rate allows now.
     *
     * @param campaign a RUNNING campaign
     */
    void notifyQueued(CampaignRow campaign) {
        long now = System.currentTimeMillis();
        long interval = campaign.notifyIntervalMillis();
        long base = Math.max(
                campaign.nextNotifyAt(), now - configuration.campaignTick().toMillis());
        if (base > now) {
            return;
        }
        int allowed = (int) Math.min((now - base) / interval + 1, configuration.notifyConcurrency() * 4L);
        List<CampaignDeviceRow> queued = campaigns.queued(campaign.campaignId(), campaign.stage(), allowed);
        if (queued.isEmpty()) {
            return;
        }
        campaigns.nextNotifyAt(campaign.campaignId(), base + queued.size() * interval);
        JsonNode parameters = parameters(campaign);
        List<Future<?>> running = queued.stream()
                .<Future<?>>map(d -> pool.submit(() -> notifyOne(campaign, d, parameters)))
                .toList();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a notification failed unexpectedly", e.getCause());
            }
        }
    }

    private void notifyOne(CampaignRow campaign, CampaignDeviceRow device, JsonNode parameters) {
        String commandId = commandId(campaign.campaignId(), device.deviceId());
        try {
            commands.issue(
                    campaign.creator(),
                    new IssueCommandRequest(
                            commandId,
                            device.deviceId(),
                            COMMAND_TYPE,
                            parameters,
                            configuration.commandExpiry().toSeconds(),
                            null));
        } catch (ApiException e) {
            if (!TRANSIENT.contains(e.code())) {
                fail(campaign, device, e.code().name());
            }
            return;
        }
        if (campaigns.moveDevice(
                campaign.campaignId(),
                device.deviceId(),
                Set.of(UpdateState.QUEUED),
                UpdateState.NOTIFIED,
                null,
                commandId,
                null)) {
            events.changed(campaign, device.deviceId(), device.ownerMsp(), UpdateState.NOTIFIED, null);
        }
    }

    private void fail(CampaignRow campaign, CampaignDeviceRow device, String reason) {
        if (campaigns.moveDevice(
                campaign.campaignId(),
                device.deviceId(),
                Set.of(UpdateState.QUEUED),
                UpdateState.FAILED,
                reason,
                null,
                null)) {
            events.changed(campaign, device.deviceId(), device.ownerMsp(), UpdateState.FAILED, reason);
        }
    }

    private JsonNode parameters(CampaignRow campaign) {
        FirmwareImageRow image = images.find(campaign.model(), campaign.version())
                .orElseThrow(() -> new ApiException(ErrorCode.FIRMWARE_NOT_FOUND, "The campaign's image is gone"));
        try {
            Map<String, Object> manifest = json.readValue(image.manifestJson(), Map.class);
            String text = CanonicalJson.write(Map.of(
                    "campaignId",
                    campaign.campaignId(),
                    "manifest",
                    manifest,
                    "image",
                    DeviceFirmwareOperations.IMAGE_PATH + image.sha256()));
            return json.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Derives a campaign device's command ID: {@code fw-} and 48 hex digits of SHA-256 over campaign and device.
     *
     * @param campaignId the campaign
     * @param deviceId the device
     * @return the command ID, 51 characters
     */
    static String commandId(String campaignId, String deviceId) {
        return "fw-" + CanonicalJson.sha256Hex(campaignId + "\n" + deviceId).substring(0, 48);
    }

    @Override
    @PreDestroy
    public void close() {
        pool.shutdownNow();
    }
}
