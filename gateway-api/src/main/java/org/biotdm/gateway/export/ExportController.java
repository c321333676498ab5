package org.biotdm.gateway.export;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.alert.Alert;
import org.biotdm.gateway.alert.AlertController;
import org.biotdm.gateway.alert.AlertFilter;
import org.biotdm.gateway.alert.AlertRepository;
import org.biotdm.gateway.alert.AlertService;
import org.biotdm.gateway.audit.AuditService;
import org.biotdm.gateway.audit.LedgerAuditEntry;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.query.QueryConfiguration;
import org.biotdm.gateway.query.TelemetryPoint;
import org.biotdm.gateway.query.TelemetryQueryRepository;
import org.biotdm.gateway.query.TelemetryRange;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * Serves {@link ExportOperations}. The controller runs the query (so a database failure is still a proper 503) and
 * returns an {@link ExportStream} that encodes rows only as the server writes them to the client.
 *
 * <p>Hand-written JDBC rather than Micronaut Data repositories: an export holds a forward-only result set with a
 * fetch size open while the response body is written, on a connection the {@link ExportStream} closes when the
 * client is done or gone, so memory stays bounded however many rows match; a repository returns a list, or a stream
 * bound to a transaction that ends before the body is written.
 */
@Tag(name = "Export")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class ExportController implements ExportOperations {

    private static final List<String> TELEMETRY_COLUMNS =
            List.of("deviceId", "id", "sensor", "ts", "valueText", "kind", "unit", "receivedAt");
    private static final List<String> ALERT_COLUMNS = List.of(
            "id",
            "deviceId",
            "kind",
            "ruleId",
            "sensor",
            "severity",
            "state",
            "message",
            "value",
            "readingTs",
            "createdAt",
            "updatedAt",
            "clearedAt",
            "acknowledgedBy",
            "acknowledgedAt",
            "resolvedBy",
            "resolvedAt");
    private static final List<String> AUDIT_COLUMNS =
            List.of("txId", "timestamp", "deleted", "actorId", "actorMsp", "record");

    private final DataSource dataSource;
    private final DeviceAccess access;
    private final TelemetryQueryRepository telemetry;
    private final AlertService alerts;
    private final AuditService audit;
    private final JsonMapper json;
    private final ExportMetrics metrics;
    private final ExportConfiguration configuration;
    private final long defaultRangeMs;
    private final long retryAfterSeconds;

    /**
     * Creates the controller.
     *
     * @param dataSource the service's datasource
     * @param resolver unwraps Micronaut Data's contextual datasource, when present
     * @param access who may see which device
     * @param telemetry telemetry queries
     * @param alerts alert visibility
     * @param audit ledger audit trails
     * @param json the JSON mapper
     * @param metrics export counters
     * @param configuration export settings
     * @param query read settings ({@code default-range})
     * @param database database settings ({@code retry-after})
     */
    @SuppressWarnings("java:S107")
    public ExportController(
            DataSource dataSource,
            @Nullable DataSourceResolver resolver,
            DeviceAccess access,
            TelemetryQueryRepository telemetry,
            AlertService alerts,
            AuditService audit,
            JsonMapper json,
            ExportMetrics metrics,
            ExportConfiguration configuration,
            QueryConfiguration query,
            DatabaseConfiguration database) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        this.access = access;
        this.telemetry = telemetry;
        this.alerts = alerts;
        this.audit = audit;
        this.json = json;
        this.metrics = metrics;
        this.configuration = configuration;
        this.defaultRangeMs = query.defaultRange().toMillis();
        this.retryAfterSeconds = database.retryAfter().toSeconds();
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public HttpResponse<StreamedFile> telemetry(
            String deviceId,
            @Nullable String sensor,
            @Nullable String from,
            @Nullable String to,
            @Nullable String format,
            @Nullable String accept,
            Authentication authentication) {
        access.requireReadable(ApiUser.from(authentication), deviceId);
        TelemetryRange range =
                TelemetryRange.parse(deviceId, sensor, from, to, defaultRangeMs, System.currentTimeMillis());
        ExportFormat chosen = ExportFormat.choose(format, accept);
        RowEncoder<TelemetryPoint> encoder = chosen == ExportFormat.JSON
                ? new JsonEncoder<>(json)
                : new CsvEncoder<>(
                        TELEMETRY_COLUMNS,
                        p -> Arrays.asList(
                                deviceId,
                                p.id(),
                                p.sensor(),
                                p.ts(),
                                p.valueText(),
                                p.kind(),
                                p.unit(),
                                p.receivedAt()));
        return stream(
                "telemetry-" + deviceId,
                chosen,
                encoder,
                c -> telemetry.streaming(c, range, configuration.fetchSize()),
                TelemetryQueryRepository::read,
                p -> true);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public HttpResponse<StreamedFile> alerts(
            @Nullable String device,
            @Nullable String state,
            @Nullable String severity,
            @Nullable String from,
            @Nullable String to,
            @Nullable String format,
            @Nullable String accept,
            Authentication authentication) {
        ApiUser user = ApiUser.from(authentication);
        AlertFilter filter = alerts.scope(user, AlertController.filter(device, state, severity, from, to, null));
        ExportFormat chosen = ExportFormat.choose(format, accept);
        RowEncoder<Alert> encoder = chosen == ExportFormat.JSON
                ? new JsonEncoder<>(json)
                : new CsvEncoder<>(
                        ALERT_COLUMNS,
                        a -> Arrays.asList(
                                a.id(),
                                a.deviceId(),
                                a.kind(),
                                a.ruleId(),
                                a.sensor(),
                                a.severity(),
                                a.state(),
                                a.message(),
                                a.value(),
                                a.readingTs(),
                                a.createdAt(),
                                a.updatedAt(),
                                a.clearedAt(),
                                a.acknowledgedBy(),
                                a.acknowledgedAt(),
                                a.resolvedBy(),
                                a.resolvedAt()));
        Predicate<Alert> visible = a -> true;
        if (filter.deviceId() == null && user.is(ApiRole.OPERATOR)) {
            Map<String, Boolean> seen = new HashMap<>();
            visible = a -> seen.computeIfAbsent(a.deviceId(), id -> alerts.canRead(user, id));
        }
        return stream(
                "alerts",
                chosen,
                encoder,
                c -> {
                    List<Object> params = new ArrayList<>();
                    PreparedStatement s = c.prepareStatement(
                            AlertRepository.select(filter, null, params),
                            ResultSet.TYPE_FORWARD_ONLY,
                            ResultSet.CONCUR_READ_ONLY);
                    s.setFetchSize(configuration.fetchSize());
                    AlertRepository.bind(s, params);
                    return s;
                },
                AlertRepository::read,
                visible);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public HttpResponse<StreamedFile> audit(
            String deviceId, @Nullable String format, @Nullable String accept, Authentication authentication) {
        ExportFormat chosen = ExportFormat.choose(format, accept);
        List<LedgerAuditEntry> entries = audit.device(ApiUser.from(authentication), deviceId);
        RowEncoder<LedgerAuditEntry> encoder = chosen == ExportFormat.JSON
                ? new JsonEncoder<>(json)
                : new CsvEncoder<>(
                        AUDIT_COLUMNS,
                        e -> Arrays.asList(
                                e.txId(), e.timestamp(), e.deleted(), e.actorId(), e.actorMsp(), recordJson(e)));
        Iterator<LedgerAuditEntry> it = entries.iterator();
        RowCursor<LedgerAuditEntry> cursor = new RowCursor<>() {
            @Override
            public LedgerAuditEntry next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
                // Nothing to release: the ledger answered in one payload.
            }
        };
        return file("audit-" + deviceId, chosen, new ExportStream<>(cursor, encoder, () -> {}));
    }

    private String recordJson(LedgerAuditEntry entry) {
        if (entry.record() == null) {
            return null;
        }
        try {
            return new String(json.writeValueAsBytes(entry.record()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prepares the streaming statement on the export's connection. */
    @FunctionalInterface
    private interface StatementFactory {
        PreparedStatement prepare(Connection c) throws SQLException;
    }

    private <T> HttpResponse<StreamedFile> stream(
            String name,
            ExportFormat format,
            RowEncoder<T> encoder,
            StatementFactory factory,
            JdbcCursor.Reader<T> reader,
            Predicate<T> keep) {
        if (!metrics.tryStart(configuration.maxConcurrent())) {
            throw new ApiException(
                    ErrorCode.EXPORT_BUSY, "Too many exports are running; retry later", null, retryAfterSeconds, null);
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setReadOnly(true);
            PreparedStatement statement = factory.prepare(connection);
            JdbcCursor<T> cursor = new JdbcCursor<>(connection, statement, reader, keep, metrics);
            return file(name, format, new ExportStream<>(cursor, encoder, metrics::finished));
        } catch (SQLException e) {
            closeQuietly(connection);
            metrics.finished();
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    private static HttpResponse<StreamedFile> file(String name, ExportFormat format, ExportStream<?> body) {
        StreamedFile file = new StreamedFile(body, format.mediaType());
        return HttpResponse.ok(file)
                .contentType(format.mediaType())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + name + "." + format.extension() + "\"");
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Broken connection; the pool discards it.
            }
        }
    }
}
