package org.biotdm.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
class TelemetryPartitionsIT implements TestPropertyProvider {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'p'yyyyMMdd");
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    TelemetryPartitions partitions;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestMariaDb.datasourceProperties("partitions").forEach((k, v) -> properties.put(k, v.toString()));
        try {
            properties.put(
                    "biotdm.data-dir",
                    Files.createTempDirectory(
                                    Files.createDirectories(Path.of("target", "it-data"))
                                            .toAbsolutePath(),
                                    "partitions-")
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    @Test
    @Order(1)
    void partitions_for_today_and_seven_days_ahead_are_ready_after_startup() throws Exception {
        partitions.ensurePartitions(TODAY);

        List<String> names = partitionNames();
        assertThat(names).first().isEqualTo("p_past");
        assertThat(names).last().isEqualTo("p_future");
        assertThat(names).containsSubsequence(days(TODAY, 8));
        assertThat(names).contains(name(TODAY.minusDays(1)));
    }

    @Test
    @Order(2)
    void a_second_run_is_a_no_op() throws Exception {
        List<String> before = partitionNames();

        TelemetryPartitions.Result result = partitions.ensurePartitions(TODAY);

        assertThat(result.lockAcquired()).isTrue();
        assertThat(result.created()).isEmpty();
        assertThat(partitionNames()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void three_days_later_exactly_three_days_are_added() throws Exception {
        TelemetryPartitions.Result result = partitions.ensurePartitions(TODAY.plusDays(3));

        assertThat(result.created()).containsExactlyElementsOf(days(TODAY.plusDays(8), 3));
        assertThat(partitionNames()).last().isEqualTo("p_future");
    }

    @Test
    @Order(4)
    void a_reading_lands_in_the_partition_of_its_receive_day() throws Exception {
        LocalDate day = TODAY.plusDays(2);
        try (Connection connection = connection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO telemetry (received_at, device_id,"
                        + " batch_seq, sensor, ts, value_num, value_text, value_kind, unit, window_id)"
                        + " VALUES (?, 'mote-1', 1, 'humidity', 1, 45.93, '45.93', 'N', '%RH', 1)")) {
            insert.setObject(1, LocalDateTime.of(day, LocalTime.of(23, 59, 59, 999_000_000)));
            insert.executeUpdate();
        }

        assertThat(count("SELECT COUNT(*) FROM telemetry PARTITION (" + name(day) + ")"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM telemetry PARTITION (p_future)")).isZero();
    }

    @Test
    @Order(5)
    void another_instance_holding_the_lock_makes_this_run_skip() throws Exception {
        try (Connection other = connection();
                Statement lock = other.createStatement()) {
            lock.execute("SELECT GET_LOCK('" + TelemetryPartitions.LOCK_NAME + "', 0)");

            TelemetryPartitions.Result skipped = partitions.ensurePartitions(TODAY.plusDays(5));

            assertThat(skipped.lockAcquired()).isFalse();
            assertThat(skipped.created()).isEmpty();
        }
        assertThat(partitions.ensurePartitions(TODAY.plusDays(5)).created())
                .containsExactlyElementsOf(days(TODAY.plusDays(11), 2));
    }

    @Test
    @Order(6)
    void a_long_gap_is_bridged_by_one_partition_up_to_today() throws Exception {
        LocalDate later = TODAY.plusDays(40);

        TelemetryPartitions.Result result = partitions.ensurePartitions(later);

        List<String> expected = new ArrayList<>();
        expected.add(name(later.minusDays(1)));
        expected.addAll(days(later, 8));
        assertThat(result.created()).containsExactlyElementsOf(expected);
        assertThat(bound(name(later.minusDays(1)))).isEqualTo("'" + later + "'");
    }

    private static List<String> days(LocalDate from, int count) {
        return IntStream.range(0, count).mapToObj(i -> name(from.plusDays(i))).toList();
    }

    private static String name(LocalDate day) {
        return NAME.format(day);
    }

    private Connection connection() throws SQLException {
        return resolver.resolve(dataSource).getConnection();
    }

    private List<String> partitionNames() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT PARTITION_NAME FROM information_schema.PARTITIONS"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'telemetry'"
                        + " ORDER BY PARTITION_ORDINAL_POSITION")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private String bound(String partition) throws SQLException {
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement("SELECT PARTITION_DESCRIPTION FROM"
                        + " information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'telemetry'"
                        + " AND PARTITION_NAME = ?")) {
            statement.setString(1, partition);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
