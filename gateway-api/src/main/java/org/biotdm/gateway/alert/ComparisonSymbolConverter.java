package org.biotdm.gateway.alert;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

/** Stores a rule's {@link Comparison} as its symbol ({@code >}, {@code >=}, ...), as {@code alert_rules} holds it. */
@Singleton
final class ComparisonSymbolConverter implements AttributeConverter<Comparison, String> {
    @Override
    public String convertToPersistedValue(Comparison comparison, ConversionContext context) {
        return comparison == null ? null : comparison.symbol();
    }

    @Override
    public Comparison convertToEntityValue(String symbol, ConversionContext context) {
        return symbol == null
                ? null
                : Comparison.parse(symbol)
                        .orElseThrow(() -> new IllegalStateException("alert_rules holds an unknown comparison"));
    }
}
