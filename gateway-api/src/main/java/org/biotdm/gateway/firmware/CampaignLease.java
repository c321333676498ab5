package org.biotdm.gateway.firmware;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.biotdm.gateway.error.ApiException;

/**
 * The campaign scheduler's lease in MariaDB (table {@code firmware_scheduler_lease}, migration {@code V88}): with
 * several gateway instances on one database, only the instance holding the lease runs the campaigns. The holder renews
 * it on every tick for {@code biotdm.firmware.campaign-lease}; once it stops renewing (it died or lost the database),
 * another instance takes it over when it expired. Expiry is compared with the database's clock ({@code
 * CURRENT_TIMESTAMP(3)}), so the instances' clocks need not agree. Each call is one conditional UPDATE whose
 * affected-row count is the answer (or an INSERT for the first holder), so two instances never both win.
 */
class CampaignLease {
    /** The lease of the campaign scheduler. */
    static final String SCHEDULER = "campaign-scheduler";

    private static final String NOW = "CAST(UNIX_TIMESTAMP(CURRENT_TIMESTAMP(3)) * 1000 AS SIGNED)";

    private final FirmwareJdbc jdbc;
    private final String name;
    private final String holder;
    private final long durationMillis;

    /**
     * Creates a lease handle.
     *
     * @param jdbc the database
     * @param name the lease's name, at most 32 characters
     * @param holder this instance, at most 128 characters
     * @param durationMillis how long a renewal holds it, ms
     */
    CampaignLease(FirmwareJdbc jdbc, String name, String holder, long durationMillis) {
        this.jdbc = jdbc;
        this.name = name;
        this.holder = holder;
        this.durationMillis = durationMillis;
    }

    /**
     * Names this instance: its host name and a random ID, so two instances on one host differ.
     *
     * @return {@code <host>/<8 hex digits>}
     */
    static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        return (host.length() > 100 ? host.substring(0, 100) : host) + "/" + id;
    }

    /**
     * Takes or renews the lease.
     *
     * @return true when this instance holds it until now + the duration
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    boolean hold() {
        int renewed = jdbc.update(
                "UPDATE firmware_scheduler_lease SET holder = ?, expires_at = " + NOW + " + ?"
                        + " WHERE name = ? AND (holder = ? OR expires_at < " + NOW + ")",
                holder,
                durationMillis,
                name,
                holder);
        return renewed > 0
                || jdbc.insert(
                        "INSERT INTO firmware_scheduler_lease (name, holder, expires_at) VALUES (?, ?, " + NOW
                                + " + ?)",
                        name,
                        holder,
                        durationMillis);
    }

    /** Gives the lease up (on shutdown), so another instance takes over at once; nothing when it holds none. */
    void release() {
        try {
            jdbc.update("DELETE FROM firmware_scheduler_lease WHERE name = ? AND holder = ?", name, holder);
        } catch (ApiException e) {
            // The database is gone: the lease expires on its own.
        }
    }

    /**
     * Returns this instance's holder name.
     *
     * @return the holder
     */
    String holder() {
        return holder;
    }
}
