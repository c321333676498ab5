package org.biotdm.gateway.db;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import org.biotdm.gateway.query.SqlTimes;

/**
 * Maps an epoch-millisecond property of a Micronaut Data entity to a {@code DATETIME(3)} column holding UTC
 * wall-clock time, the schema's convention ({@link SqlTimes}). Use it as {@code @MappedProperty(converter =
 * UtcMillisConverter.class)}.
 *
 * <p>Micronaut Data binds and reads such columns as {@link Timestamp}, which MariaDB's driver renders and parses in
 * the JVM's default zone; the converter therefore builds the timestamp whose wall clock in that zone is the UTC one,
 * so the column holds UTC in any zone. Only a UTC time that falls into a daylight-saving gap of a non-UTC JVM zone
 * would move by the gap (start the JVM with {@code -Duser.timezone=UTC} to rule that out).
 */
@Singleton
public final class UtcMillisConverter implements AttributeConverter<Long, Timestamp> {
    @Override
    public Timestamp convertToPersistedValue(Long epochMillis, ConversionContext context) {
        return epochMillis == null ? null : Timestamp.valueOf(SqlTimes.toDateTime(epochMillis));
    }

    @Override
    public Long convertToEntityValue(Timestamp utc, ConversionContext context) {
        return utc == null ? null : SqlTimes.toMillis(utc.toLocalDateTime());
    }
}
