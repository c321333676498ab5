package org.biotdm.gateway.firmware;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.biotdm.gateway.error.ApiException;

/**
 * Keeps the campaign tables ({@code firmware_campaigns}, {@code firmware_campaign_devices}). State changes are
 * conditional updates ({@code WHERE state IN ...}) whose affected-row count is the answer, so the scheduler, devices'
 * reports and operators racing each other never move a state backwards. Every method throws 503 {@code
 * DATABASE_UNAVAILABLE} ({@link ApiException}) when the database cannot be reached.
 */
@Singleton
class Campaigns {
    private static final String CAMPAIGN_COLUMNS = "campaign_id, model, version, state, stage, rate_per_minute,"
            + " first_stage_percent, abort_threshold_percent, abort_min_devices, device_count, created_by_user_id,"
            + " created_by, creator_msp, creator_fabric_id, created_at, next_notify_at, ended_at, end_reason, device_timeout_ms";
    private static final String DEVICE_COLUMNS =
            "campaign_id, device_id, owner_msp, position, stage, state, reason, command_id, update_tx_id, updated_at";

    private final FirmwareJdbc jdbc;

    Campaigns(FirmwareJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a campaign and its devices, QUEUED; false when the ID is taken. */
    boolean insert(CampaignRow c, List<CampaignDeviceRow> devices) {
        boolean inserted = jdbc.insert(
                "INSERT INTO firmware_campaigns (" + CAMPAIGN_COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.campaignId(),
                c.model(),
                c.version(),
                c.state().name(),
                c.stage(),
                c.ratePerMinute(),
                c.firstStagePercent(),
                c.abortThresholdPercent(),
                c.abortMinDevices(),
                c.deviceCount(),
                c.createdByUserId(),
                c.createdBy(),
                c.creatorMsp(),
                c.creatorFabricId(),
                c.createdAt(),
                c.nextNotifyAt(),
                c.endedAt(),
                c.endReason(),
                c.deviceTimeoutMs());
        if (inserted) {
            jdbc.batch(
                    "INSERT INTO firmware_campaign_devices (" + DEVICE_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    devices.stream()
                            .map(d -> new Object[] {
                                d.campaignId(),
                                d.deviceId(),
                                d.ownerMsp(),
                                d.position(),
                                d.stage(),
                                d.state().name(),
                                d.reason(),
                                d.commandId(),
                                d.updateTxId(),
                                d.updatedAt()
                            })
                            .toList());
        }
        return inserted;
    }

    Optional<CampaignRow> find(String campaignId) {
        return jdbc
                .query(
                        "SELECT " + CAMPAIGN_COLUMNS + " FROM firmware_campaigns WHERE campaign_id = ?",
                        Campaigns::campaign,
                        campaignId)
                .stream()
                .findFirst();
    }

    /** One organisation's campaigns, newest first. */
    List<CampaignRow> list(String creatorMsp, int limit) {
        return jdbc.query(
                "SELECT " + CAMPAIGN_COLUMNS + " FROM firmware_campaigns WHERE creator_msp = ?"
                        + " ORDER BY created_at DESC LIMIT ?",
                Campaigns::campaign,
                creatorMsp,
                limit);
    }

    /** Campaigns RUNNING or PAUSED, at most {@code limit}. */
    List<CampaignRow> open(int limit) {
        return jdbc.query(
                "SELECT " + CAMPAIGN_COLUMNS + " FROM firmware_campaigns WHERE state IN ('RUNNING', 'PAUSED')"
                        + " ORDER BY created_at LIMIT ?",
                Campaigns::campaign,
                limit);
    }

    /** Open campaigns of one firmware version. */
    List<CampaignRow> openUsing(String model, String version) {
        return jdbc.query(
                "SELECT " + CAMPAIGN_COLUMNS + " FROM firmware_campaigns WHERE state IN ('RUNNING', 'PAUSED')"
                        + " AND model = ? AND version = ?",
                Campaigns::campaign,
                model,
                version);
    }

    /** Moves a campaign from one of {@code from} to {@code to}; true when it moved. */
    boolean move(String campaignId, Collection<CampaignState> from, CampaignState to, String reason, Long endedAt) {
        return jdbc.update(
                        "UPDATE firmware_campaigns SET state = ?, end_reason = COALESCE(?, end_reason),"
                                + " ended_at = COALESCE(?, ended_at) WHERE campaign_id = ? AND state IN ("
                                + names(from) + ")",
                        to.name(),
                        reason,
                        endedAt,
                        campaignId)
                > 0;
    }

    void nextStage(String campaignId) {
        jdbc.update("UPDATE firmware_campaigns SET stage = 2 WHERE campaign_id = ? AND stage = 1", campaignId);
    }

    void nextNotifyAt(String campaignId, long at) {
        jdbc.update("UPDATE firmware_campaigns SET next_notify_at = ? WHERE campaign_id = ?", at, campaignId);
    }

    /** Counts a campaign's devices by stage and state: {@code [stage][state]}. */
    int[][] counts(String campaignId) {
        int[][] counts = new int[3][UpdateState.values().length];
        jdbc.query(
                        "SELECT stage, state, COUNT(*) FROM firmware_campaign_devices WHERE campaign_id = ?"
                                + " GROUP BY stage, state",
                        r -> counts[r.getInt(1)][
                                UpdateState.valueOf(r.getString(2)).ordinal()] = r.getInt(3),
                        campaignId)
                .size();
        return counts;
    }

    /** Counts a campaign's devices by state. */
    Map<UpdateState, Integer> countsByState(String campaignId) {
        int[][] counts = counts(campaignId);
        Map<UpdateState, Integer> out = new EnumMap<>(UpdateState.class);
        for (UpdateState state : UpdateState.values()) {
            out.put(state, counts[1][state.ordinal()] + counts[2][state.ordinal()]);
        }
        return out;
    }

    /** The next QUEUED devices of stages up to {@code stage}, in position order. */
    List<CampaignDeviceRow> queued(String campaignId, int stage, int limit) {
        return jdbc.query(
                "SELECT " + DEVICE_COLUMNS + " FROM firmware_campaign_devices WHERE campaign_id = ?"
                        + " AND state = 'QUEUED' AND stage <= ? ORDER BY position LIMIT ?",
                Campaigns::device,
                campaignId,
                stage,
                limit);
    }

    /** A page of a campaign's devices in position order, after {@code afterPosition}. */
    List<CampaignDeviceRow> devices(String campaignId, int afterPosition, int limit) {
        return jdbc.query(
                "SELECT " + DEVICE_COLUMNS + " FROM firmware_campaign_devices WHERE campaign_id = ?"
                        + " AND position > ? ORDER BY position LIMIT ?",
                Campaigns::device,
                campaignId,
                afterPosition,
                limit);
    }

    Optional<CampaignDeviceRow> device(String campaignId, String deviceId) {
        return jdbc
                .query(
                        "SELECT " + DEVICE_COLUMNS + " FROM firmware_campaign_devices"
                                + " WHERE campaign_id = ? AND device_id = ?",
                        Campaigns::device,
                        campaignId,
                        deviceId)
                .stream()
                .findFirst();
    }

    /** Tells whether the device has a notified, unfinished update whose firmware image has this SHA-256. */
    boolean assigned(String deviceId, String sha256) {
        return !jdbc.query(
                        "SELECT 1 FROM firmware_campaign_devices d"
                                + " JOIN firmware_campaigns c ON c.campaign_id = d.campaign_id"
                                + " JOIN firmware_images i ON i.model = c.model AND i.version = c.version"
                                + " WHERE d.device_id = ? AND i.sha256 = ? AND i.revoked_at IS NULL"
                                + " AND d.state IN ('NOTIFIED', 'DOWNLOADING', 'DOWNLOADED') LIMIT 1",
                        r -> 1,
                        deviceId,
                        sha256)
                .isEmpty();
    }

    /**
     * Moves one device's update from one of {@code from} to {@code to}; true when it moved.
     *
     * @param reason the FAILED reason, or null to keep
     * @param commandId the command, or null to keep
     * @param txId the RecordFirmwareUpdate transaction, or null to keep
     */
    boolean moveDevice(
            String campaignId,
            String deviceId,
            Collection<UpdateState> from,
            UpdateState to,
            String reason,
            String commandId,
            String txId) {
        return jdbc.update(
                        "UPDATE firmware_campaign_devices SET state = ?, reason = COALESCE(?, reason),"
                                + " command_id = COALESCE(?, command_id), update_tx_id = COALESCE(?, update_tx_id),"
                                + " updated_at = ? WHERE campaign_id = ? AND device_id = ? AND state IN ("
                                + names(from) + ")",
                        to.name(),
                        reason,
                        commandId,
                        txId,
                        System.currentTimeMillis(),
                        campaignId,
                        deviceId)
                > 0;
    }

    /**
     * The notified or downloading updates of a campaign that reported nothing since {@code silentSince}.
     *
     * @param campaignId the campaign
     * @param silentSince epoch ms
     * @param limit the most rows
     * @return the silent updates, oldest report first
     */
    List<CampaignDeviceRow> silent(String campaignId, long silentSince, int limit) {
        return jdbc.query(
                "SELECT " + DEVICE_COLUMNS + " FROM firmware_campaign_devices WHERE campaign_id = ?"
                        + " AND state IN ('NOTIFIED', 'DOWNLOADING') AND updated_at < ? ORDER BY updated_at LIMIT ?",
                Campaigns::device,
                campaignId,
                silentSince,
                limit);
    }

    /**
     * Fails one update with {@code reason} if it is still NOTIFIED or DOWNLOADING and silent since {@code silentSince},
     * so a report that arrived meanwhile wins.
     *
     * @return true when it failed it
     */
    boolean failSilent(String campaignId, String deviceId, long silentSince, String reason) {
        return jdbc.update(
                        "UPDATE firmware_campaign_devices SET state = 'FAILED', reason = ?, updated_at = ?"
                                + " WHERE campaign_id = ? AND device_id = ? AND state IN ('NOTIFIED', 'DOWNLOADING')"
                                + " AND updated_at < ?",
                        reason,
                        System.currentTimeMillis(),
                        campaignId,
                        deviceId,
                        silentSince)
                > 0;
    }

    /** Fails every unfinished, notified update of a campaign (its firmware was revoked); returns them. */
    List<CampaignDeviceRow> inFlight(String campaignId) {
        return jdbc.query(
                "SELECT " + DEVICE_COLUMNS + " FROM firmware_campaign_devices WHERE campaign_id = ?"
                        + " AND state IN ('NOTIFIED', 'DOWNLOADING', 'DOWNLOADED', 'VERIFIED')",
                Campaigns::device,
                campaignId);
    }

    private static String names(Collection<? extends Enum<?>> states) {
        return states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }

    private static CampaignRow campaign(ResultSet r) throws SQLException {
        return new CampaignRow(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                CampaignState.valueOf(r.getString(4)),
                r.getInt(5),
                r.getInt(6),
                r.getInt(7),
                r.getInt(8),
                r.getInt(9),
                r.getInt(10),
                r.getLong(11),
                r.getString(12),
                r.getString(13),
                r.getString(14),
                r.getLong(15),
                r.getLong(16),
                r.getObject(17, Long.class),
                r.getString(18),
                r.getLong(19));
    }

    private static CampaignDeviceRow device(ResultSet r) throws SQLException {
        return new CampaignDeviceRow(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getInt(4),
                r.getInt(5),
                UpdateState.valueOf(r.getString(6)),
                r.getString(7),
                r.getString(8),
                r.getString(9),
                r.getLong(10));
    }
}
