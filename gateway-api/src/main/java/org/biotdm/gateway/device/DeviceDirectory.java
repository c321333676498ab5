package org.biotdm.gateway.device;

import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import jakarta.inject.Singleton;
import jakarta.persistence.criteria.Predicate;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biotdm.gateway.db.RepositoryCalls;
import org.biotdm.gateway.grant.LedgerGrant;

/**
 * Lists devices from the {@code devices} table (the registry copy the chaincode event listener keeps complete) with
 * keyset pagination by device ID, and reads a device's latest reading from {@code telemetry}. The filters are Micronaut
 * Data criteria ({@link PredicateSpecification}), so all input is bound as parameters.
 */
@Singleton
public class DeviceDirectory {
    private static final Sort BY_DEVICE_ID = Sort.of(Sort.Order.asc("deviceId"));

    private final DeviceRows rows;

    /**
     * Creates the directory.
     *
     * @param rows the table (each call on its own connection, in auto-commit)
     */
    DeviceDirectory(DeviceRows rows) {
        this.rows = rows;
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
        return query((root, cb) -> cb.equal(root.get("ownerMsp"), ownerMsp), filter);
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
        return query(
                (root, cb) -> cb.or(grants.stream()
                        .map(grant -> cb.and(
                                grant.deviceId() != null
                                        ? cb.equal(root.get("deviceId"), grant.deviceId())
                                        : cb.equal(root.get("deviceGroup"), grant.deviceGroup()),
                                cb.equal(root.get("ownerMsp"), grant.ownerMsp())))
                        .toArray(Predicate[]::new)),
                filter);
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
        Pageable firstPageAndOne =
                Pageable.from(0, filter.pageSize() + 1, BY_DEVICE_ID).withoutTotal();
        List<DeviceSummary> items =
                RepositoryCalls.call(() -> rows.findAll(scope.and(matching(filter)), firstPageAndOne)
                                .getContent())
                        .stream()
                        .map(DeviceRow::toSummary)
                        .toList();
        if (items.size() <= filter.pageSize()) {
            return new DeviceListResponse(items, null);
        }
        List<DeviceSummary> page = items.subList(0, filter.pageSize());
        return new DeviceListResponse(
                List.copyOf(page),
                DeviceFilter.encodeCursor(page.get(page.size() - 1).deviceId()));
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
                conditions.add(cb.greaterThan(root.<String>get("deviceId"), filter.after()));
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
