package org.biotdm.gateway.device;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import jakarta.inject.Singleton;
import jakarta.persistence.criteria.Predicate;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.connectivity.ConnectivityConfiguration;
import org.biotdm.gateway.db.RepositoryCalls;
import org.biotdm.gateway.grant.LedgerGrant;
import org.biotdm.gateway.query.SqlTimes;

/**
 * Lists and counts devices from the {@code devices} table (the registry copy the chaincode event listener keeps
 * complete), with keyset pagination in device ID order and offset pagination in the other orders ({@link DeviceSort}),
 * and reads a device's latest reading from {@code telemetry}. A device is online when its {@code last_seen_at} is
 * within {@code biotdm.connectivity.inactivity-timeout}. The filters are Micronaut Data criteria ({@link
 * PredicateSpecification}), so all input is bound as parameters.
 */
@Singleton
final class DeviceDirectory {
    private final DeviceRows rows;
    private final long inactivityTimeoutMs;

    /**
     * Creates the directory.
     *
     * @param rows the table (each call on its own connection, in auto-commit)
     * @param connectivity the inactivity timeout that separates online from offline devices
     */
    DeviceDirectory(DeviceRows rows, ConnectivityConfiguration connectivity) {
        this.rows = rows;
        this.inactivityTimeoutMs = connectivity.inactivityTimeout().toMillis();
    }

    /**
     * Lists one page of an organisation's devices.
     *
     * @param ownerMsp the owner's MSP ID
     * @param filter the filter and page
     * @return the page
     * @throws SQLException when the database cannot be read
     */
    public DeviceListResponse listOwned(String ownerMsp, DeviceFilter filter) throws SQLException {
        return query(owned(ownerMsp), filter);
    }

    /**
     * Counts an organisation's devices by status and connectivity.
     *
     * @param ownerMsp the owner's MSP ID
     * @return the counts
     * @throws SQLException when the database cannot be read
     */
    public DeviceCountsResponse countOwned(String ownerMsp) throws SQLException {
        return count(owned(ownerMsp));
    }

    /**
     * Counts the devices some grants cover by status and connectivity.
     *
     * @param grants the grants in force naming the caller
     * @return the counts; all zero without grants
     * @throws SQLException when the database cannot be read
     */
    public DeviceCountsResponse countGranted(List<LedgerGrant> grants) throws SQLException {
        if (grants.isEmpty()) {
            return DeviceCountsResponse.NONE;
        }
        return count(granted(grants));
    }

    /**
     * Lists one page of the devices some grants cover: by device ID, or by the owner's group.
     *
     * @param grants the grants in force naming the caller (bounded by what admins granted)
     * @param filter the filter and page
     * @return the page; empty without grants
     * @throws SQLException when the database cannot be read
     */
    public DeviceListResponse listGranted(List<LedgerGrant> grants, DeviceFilter filter) throws SQLException {
        if (grants.isEmpty()) {
            return new DeviceListResponse(List.of(), null);
        }
        return query(granted(grants), filter);
    }

    private static PredicateSpecification<DeviceRow> owned(String ownerMsp) {
        return (root, cb) -> cb.equal(root.get("ownerMsp"), ownerMsp);
    }

    private static PredicateSpecification<DeviceRow> granted(List<LedgerGrant> grants) {
        return (root, cb) -> cb.or(grants.stream()
                .map(grant -> cb.and(
                        grant.deviceId() != null
                                ? cb.equal(root.get("deviceId"), grant.deviceId())
                                : cb.equal(root.get("deviceGroup"), grant.deviceGroup()),
                        cb.equal(root.get("ownerMsp"), grant.ownerMsp())))
                .toArray(Predicate[]::new));
    }

    // One COUNT per status and one for the online devices; each is an index range scan of the owner's rows.
    private DeviceCountsResponse count(PredicateSpecification<DeviceRow> scope) throws SQLException {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long total = 0;
        for (DeviceStatus status : DeviceStatus.values()) {
            long n = RepositoryCalls.call(
                    () -> rows.count(scope.and((root, cb) -> cb.equal(root.get("status"), status.name()))));
            byStatus.put(status.name(), n);
            total += n;
        }
        // Criteria parameters skip the property's converter: bind the column's own value, as UtcMillisConverter writes
        // it.
        Timestamp onlineSince =
                Timestamp.valueOf(SqlTimes.toDateTime(System.currentTimeMillis() - inactivityTimeoutMs));
        long online = RepositoryCalls.call(() -> rows.count(
                scope.and((root, cb) -> cb.greaterThanOrEqualTo(root.<Timestamp>get("lastSeenAt"), onlineSince))));
        return new DeviceCountsResponse(total, byStatus, online, total - online);
    }

    /**
     * Reads the time of a device's latest reading (by reading time) and when the gateway received it.
     *
     * @param deviceId the device ID
     * @return the latest reading's times, or empty when the device never sent telemetry
     * @throws SQLException when the database cannot be read
     */
    public Optional<LastSeen> lastSeen(String deviceId) throws SQLException {
        return RepositoryCalls.call(() -> rows.findLatestReading(deviceId))
                .map(latest -> new LastSeen(
                        latest.readingAt(),
                        latest.receivedAt().toInstant(ZoneOffset.UTC).toEpochMilli()));
    }

    private DeviceListResponse query(PredicateSpecification<DeviceRow> scope, DeviceFilter filter) throws SQLException {
        if (!filter.sort().byDeviceId()) {
            return queryByOffset(scope, filter);
        }
        Pageable pageAndOne =
                Pageable.from(0, filter.pageSize() + 1, filter.sort().toSort()).withoutTotal();
        List<DeviceSummary> items = fetch(scope, filter, pageAndOne);
        if (items.size() <= filter.pageSize()) {
            return new DeviceListResponse(items, null);
        }
        List<DeviceSummary> page = items.subList(0, filter.pageSize());
        return new DeviceListResponse(
                List.copyOf(page), filter.nextCursor(page.get(page.size() - 1).deviceId(), page.size()));
    }

    // Offset paging: a full page may be followed by an empty one when the total is a multiple of the page size.
    private DeviceListResponse queryByOffset(PredicateSpecification<DeviceRow> scope, DeviceFilter filter)
            throws SQLException {
        int number = Math.toIntExact(filter.offset() / filter.pageSize());
        List<DeviceSummary> page = fetch(
                scope,
                filter,
                Pageable.from(number, filter.pageSize(), filter.sort().toSort()).withoutTotal());
        return new DeviceListResponse(
                page,
                page.size() < filter.pageSize()
                        ? null
                        : filter.nextCursor(page.get(page.size() - 1).deviceId(), page.size()));
    }

    private List<DeviceSummary> fetch(PredicateSpecification<DeviceRow> scope, DeviceFilter filter, Pageable pageable)
            throws SQLException {
        long onlineSince = System.currentTimeMillis() - inactivityTimeoutMs;
        return RepositoryCalls.call(() ->
                        rows.findAll(scope.and(matching(filter)), pageable).getContent())
                .stream()
                .map(row -> row.toSummary(onlineSince))
                .toList();
    }

    // The ID prefix is a LIKE pattern with \ as its escape; the cursor continues after the previous page's last ID.
    private static PredicateSpecification<DeviceRow> matching(DeviceFilter filter) {
        return (root, cb) -> {
            List<Predicate> conditions = new ArrayList<>();
            if (filter.status() != null) {
                conditions.add(cb.equal(root.get("status"), filter.status().name()));
            }
            if (filter.group() != null) {
                conditions.add(cb.equal(root.get("deviceGroup"), filter.group()));
            }
            if (filter.model() != null) {
                conditions.add(cb.equal(root.get("model"), filter.model()));
            }
            if (filter.idPrefix() != null) {
                conditions.add(cb.like(root.<String>get("deviceId"), filter.likePattern(), '\\'));
            }
            if (filter.after() != null) {
                conditions.add(
                        filter.sort().descending()
                                ? cb.lessThan(root.<String>get("deviceId"), filter.after())
                                : cb.greaterThan(root.<String>get("deviceId"), filter.after()));
            }
            return conditions.isEmpty() ? cb.conjunction() : cb.and(conditions.toArray(Predicate[]::new));
        };
    }

    /**
     * When a device was last heard of.
     *
     * @param readingAt the latest reading's time, epoch milliseconds of the device clock
     * @param receivedAt when the gateway committed that reading, epoch milliseconds
     */
    record LastSeen(long readingAt, long receivedAt) {}
}
