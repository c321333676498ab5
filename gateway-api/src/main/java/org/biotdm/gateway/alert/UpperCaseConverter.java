package org.biotdm.gateway.alert;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * Stores an alert's kind, severity and state as {@code alerts} holds them, in upper case ({@code THRESHOLD}, {@code
 * WARNING}, {@code OPEN}), while the API writes them in lower case.
 */
@Singleton
final class UpperCaseConverter implements AttributeConverter<String, String> {
    @Override
    public String convertToPersistedValue(String value, ConversionContext context) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    @Override
    public String convertToEntityValue(String value, ConversionContext context) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
