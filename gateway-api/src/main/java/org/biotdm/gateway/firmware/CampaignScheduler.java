package org.biotdm.gateway.firmware;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the open campaigns from their tables every {@code biotdm.firmware.campaign-tick}: stops a campaign whose
 * firmware the ledger says is revoked, aborts one whose failures pass its threshold (once at least {@code
 * abortMinDevices} finished, or once its whole first stage finished), moves it to its second stage when the first
 * finished within the threshold, completes it when every device finished, and notifies as many queued devices as its
 * rate allows ({@link CampaignNotifier}). Before the threshold, devices notified or downloading that stayed silent for
 * the campaign's device timeout fail with {@code FIRMWARE_UPDATE_TIMEOUT} ({@link CampaignStops#timedOut}).
 * Everything it decides is in the database, so after a restart it goes on where it was; only the time of each
 * campaign's last revocation check is kept in memory, one entry per open campaign.
 *
 * <p>With several gateway instances on one database, only the instance holding the scheduler's {@link CampaignLease}
 * runs campaigns; it renews the lease at each tick and before each campaign, and gives it up when it shuts down.
 */
@Singleton
final class CampaignScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignScheduler.class);

    private final FirmwareConfiguration configuration;
    private final Campaigns campaigns;
    private final CampaignStops stops;
    private final CampaignNotifier notifier;
    private final FirmwareLedger ledger;
    private final CampaignLease lease;
    private final Map<String, Long> revocationCheckedAt = new HashMap<>();

    /**
     * Creates the scheduler.
     *
     * @param configuration the firmware settings
     * @param campaigns the campaign tables
     * @param stops ends campaigns
     * @param notifier notifies queued devices
     * @param ledger looks the firmware up for revocations
     * @param jdbc the database of the scheduler's lease
     */
    @Inject
    CampaignScheduler(
            FirmwareConfiguration configuration,
            Campaigns campaigns,
            CampaignStops stops,
            CampaignNotifier notifier,
            FirmwareLedger ledger,
            FirmwareJdbc jdbc) {
        this(
                configuration,
                campaigns,
                stops,
                notifier,
                ledger,
                new CampaignLease(
                        jdbc,
                        CampaignLease.SCHEDULER,
                        CampaignLease.instanceId(),
                        configuration.campaignLease().toMillis()));
    }

    /** Creates a scheduler with its own lease (tests run two on one database). */
    CampaignScheduler(
            FirmwareConfiguration configuration,
            Campaigns campaigns,
            CampaignStops stops,
            CampaignNotifier notifier,
            FirmwareLedger ledger,
            CampaignLease lease) {
        this.configuration = configuration;
        this.campaigns = campaigns;
        this.stops = stops;
        this.notifier = notifier;
        this.ledger = ledger;
        this.lease = lease;
    }

    /** Runs every open campaign once if this instance holds the lease ({@link #runOnce}). */
    @Scheduled(fixedDelay = "${biotdm.firmware.campaign-tick}", initialDelay = "1s")
    public void tick() {
        runOnce();
    }

    /** Gives the lease up, so another instance takes the campaigns over without waiting for it to expire. */
    @PreDestroy
    void close() {
        lease.release();
    }

    /**
     * Runs every open campaign once, if this instance holds (or can take) the lease; a failure of one campaign is
     * logged and the others go on.
     *
     * @return false when another instance holds the lease or the database is unreachable, so nothing ran
     */
    synchronized boolean runOnce() {
        List<CampaignRow> open;
        try {
            if (!lease.hold()) {
                return false;
            }
            open = campaigns.open(configuration.maxOpenCampaigns());
        } catch (ApiException e) {
            LOG.warn("Campaigns not run: {}", e.getMessage());
            return false;
        }
        revocationCheckedAt
                .keySet()
                .retainAll(open.stream().map(CampaignRow::campaignId).toList());
        for (CampaignRow campaign : open) {
            try {
                if (!lease.hold()) {
                    return false;
                }
                run(campaign);
            } catch (ApiException | LedgerException e) {
                LOG.warn("Campaign {} not run this time: {}", campaign.campaignId(), e.getMessage());
            }
        }
        return true;
    }

    private void run(CampaignRow campaign) throws LedgerException {
        if (revoked(campaign)) {
            stops.revoked(campaign);
            return;
        }
        int silent = stops.timedOut(campaign);
        if (silent > 0) {
            LOG.info("Campaign {}: {} devices timed out", campaign.campaignId(), silent);
        }
        if (campaign.state() != CampaignState.RUNNING || !progress(campaign)) {
            return;
        }
        notifier.notifyQueued(campaign);
    }

    /** Applies the threshold, the stages and completion; false when the campaign ended. */
    private boolean progress(CampaignRow campaign) {
        int[][] counts = campaigns.counts(campaign.campaignId());
        Tally first = Tally.of(counts[1]);
        Tally all = Tally.of(counts[1]).plus(Tally.of(counts[2]));
        boolean firstStageOver = first.finished() == first.total();
        if (all.overThreshold(campaign, campaign.abortMinDevices())
                || firstStageOver && first.overThreshold(campaign, 1)) {
            if (stops.abort(
                    campaign, "abort threshold passed: " + all.failed() + " of " + all.finished() + " failed")) {
                LOG.info("Campaign {} aborted: {} of {} failed", campaign.campaignId(), all.failed(), all.finished());
            }
            return false;
        }
        if (all.finished() == all.total()) {
            campaigns.move(
                    campaign.campaignId(),
                    Set.of(CampaignState.RUNNING),
                    CampaignState.COMPLETED,
                    null,
                    System.currentTimeMillis());
            return false;
        }
        if (campaign.stage() == 1 && firstStageOver) {
            campaigns.nextStage(campaign.campaignId());
        }
        return true;
    }

    private boolean revoked(CampaignRow campaign) throws LedgerException {
        long now = System.currentTimeMillis();
        Long last = revocationCheckedAt.get(campaign.campaignId());
        if (last != null && now - last < configuration.revocationCheck().toMillis()) {
            return false;
        }
        revocationCheckedAt.put(campaign.campaignId(), now);
        return ledger.get(campaign.model(), campaign.version())
                .map(LedgerFirmware::revoked)
                .orElse(false);
    }

    /** Devices of a stage (or all) by outcome. */
    private record Tally(int total, int updated, int failed) {
        static Tally of(int[] byState) {
            int total = 0;
            for (int n : byState) {
                total += n;
            }
            return new Tally(total, byState[UpdateState.UPDATED.ordinal()], byState[UpdateState.FAILED.ordinal()]);
        }

        Tally plus(Tally other) {
            return new Tally(total + other.total, updated + other.updated, failed + other.failed);
        }

        int finished() {
            return updated + failed;
        }

        boolean overThreshold(CampaignRow campaign, int minFinished) {
            return finished() >= minFinished && failed * 100L > (long) campaign.abortThresholdPercent() * finished();
        }
    }
}
