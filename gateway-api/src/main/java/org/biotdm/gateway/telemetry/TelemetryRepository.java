package org.biotdm.gateway.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import javax.sql.DataSource;

/** Reads of {@code telemetry_batches} outside the write path: the recent sequence numbers of a device. */
@Singleton
final class TelemetryRepository {
    private final DataSource dataSource;

    /**
     * Creates the repository.
     *
     * @param dataSource the service's datasource
     * @param resolver unwraps Micronaut Data's contextual datasource, when present
     */
    public TelemetryRepository(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Returns a device's highest accepted sequence numbers, enough to rebuild its {@link SequenceWindow}.
     *
     * @param deviceId the device ID
     * @param limit how many to return, at most
     * @return the numbers, highest first; empty when the device never sent a batch
     * @throws SQLException when the database cannot be read
     */
    public long[] recentSequenceNumbers(String deviceId, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT batch_seq FROM telemetry_batches WHERE device_id = ? ORDER BY batch_seq DESC LIMIT ?")) {
            statement.setString(1, deviceId);
            statement.setInt(2, limit);
            long[] numbers = new long[limit];
            int count = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    numbers[count++] = rows.getLong(1);
                }
            }
            return count == limit ? numbers : Arrays.copyOf(numbers, count);
        }
    }
}
