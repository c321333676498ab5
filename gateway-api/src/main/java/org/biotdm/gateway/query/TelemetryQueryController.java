package org.biotdm.gateway.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/** Serves {@link TelemetryQueryOperations}; JDBC blocks, so requests run on the blocking executor. */
@Tag(name = "Telemetry")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class TelemetryQueryController implements TelemetryQueryOperations {
    private static final Pattern BUCKET = Pattern.compile(TelemetryQueryOperations.BUCKET);
    private static final Pattern CURSOR = Pattern.compile("([0-9]{1,19})\\.([0-9]{1,19})");
    private static final long MAX_BUCKET_MS = 7L * 86_400_000L;

    private final DeviceAccess access;
    private final TelemetryQueryRepository repository;
    private final QueryConfiguration configuration;
    private final long retryAfterSeconds;

    /**
     * Creates the controller.
     *
     * @param access who may see which device
     * @param repository the telemetry reads
     * @param configuration the limits
     * @param database the database settings ({@code retry-after})
     */
    public TelemetryQueryController(
            DeviceAccess access,
            TelemetryQueryRepository repository,
            QueryConfiguration configuration,
            DatabaseConfiguration database) {
        this.access = access;
        this.repository = repository;
        this.configuration = configuration;
        this.retryAfterSeconds = database.retryAfter().toSeconds();
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public TelemetrySeries telemetry(
            String deviceId,
            @Nullable String sensor,
            @Nullable String from,
            @Nullable String to,
            @Nullable String bucket,
            @Nullable Integer limit,
            @Nullable String cursor,
            Authentication authentication) {
        access.requireReadable(ApiUser.from(authentication), deviceId);
        TelemetryRange range = TelemetryRange.parse(
                deviceId, sensor, from, to, configuration.defaultRange().toMillis(), System.currentTimeMillis());
        try {
            if (bucket != null) {
                if (limit != null || cursor != null) {
                    throw ApiException.invalid("limit", "limit and cursor apply to raw readings, not to buckets");
                }
                long bucketMs = bucketMillis(bucket);
                if ((range.to() - range.from() + bucketMs - 1) / bucketMs > configuration.maxBuckets()) {
                    throw new ApiException(
                            ErrorCode.TELEMETRY_QUERY_TOO_MANY_BUCKETS,
                            "The range spans more than " + configuration.maxBuckets()
                                    + " buckets; use a larger bucket or a shorter range");
                }
                return new TelemetrySeries(
                        deviceId,
                        sensor,
                        range.from(),
                        range.to(),
                        bucketMs,
                        null,
                        repository.buckets(range, bucketMs),
                        null);
            }
            return raw(range, limit, cursor);
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    private TelemetrySeries raw(TelemetryRange range, @Nullable Integer limit, @Nullable String cursor)
            throws SQLException {
        int size = limit == null ? Math.min(configuration.defaultPageSize(), configuration.maxPageSize()) : limit;
        Long afterTs = null;
        long afterId = 0;
        if (cursor != null) {
            Matcher m = CURSOR.matcher(cursor);
            if (!m.matches()) {
                throw ApiException.invalid("cursor", "cursor is not one this API returned");
            }
            try {
                afterTs = Long.parseLong(m.group(1));
                afterId = Long.parseLong(m.group(2));
            } catch (NumberFormatException e) {
                throw ApiException.invalid("cursor", "cursor is not one this API returned");
            }
        }
        List<TelemetryPoint> points = repository.page(range, afterTs, afterId, size);
        String next = null;
        if (points.size() == size) {
            TelemetryPoint last = points.get(points.size() - 1);
            next = last.ts() + "." + last.id();
        }
        return new TelemetrySeries(
                range.deviceId(), range.sensor(), range.from(), range.to(), null, points, null, next);
    }

    /**
     * Parses a bucket length.
     *
     * @param bucket {@code <n>s}, {@code <n>m}, {@code <n>h} or {@code <n>d}
     * @return milliseconds, 1 s to 7 d
     * @throws ApiException 400 {@code INVALID_ARGUMENT}
     */
    static long bucketMillis(String bucket) {
        Matcher m = BUCKET.matcher(bucket);
        if (!m.matches()) {
            throw ApiException.invalid("bucket", "bucket must look like 30s, 1m, 15m, 1h or 1d");
        }
        long unit =
                switch (m.group(2)) {
                    case "s" -> 1_000L;
                    case "m" -> 60_000L;
                    case "h" -> 3_600_000L;
                    default -> 86_400_000L;
                };
        long millis = Long.parseLong(m.group(1)) * unit;
        if (millis > MAX_BUCKET_MS) {
            throw ApiException.invalid("bucket", "bucket must be at most 7d");
        }
        return millis;
    }
}
