package org.biotdm.gateway.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanResolutionContext;
import io.micronaut.inject.BeanConfiguration;
import io.micronaut.inject.BeanDefinitionReference;
import java.util.List;
import java.util.Map;

/**
 * Binds the gateway's {@code *Configuration} records the way the service does, from {@code application.yml} plus
 * overrides, in an application context in which every other gateway bean and the database and management modules are disabled (no
 * database, ledger or listener starts). Tests thereby use the shipped defaults instead of repeating them.
 */
public final class TestSettings {
    private static final String GATEWAY = "org.biotdm.gateway.";
    /** Micronaut modules that would open the database or schedule jobs at startup. */
    private static final List<String> STARTING_MODULES = List.of(
            "io.micronaut.configuration.jdbc.",
            "io.micronaut.flyway.",
            "io.micronaut.data.",
            "io.micronaut.transaction.",
            "io.micronaut.management.");

    private TestSettings() {}

    /**
     * Binds one settings record.
     *
     * @param type the record, for example {@code LedgerConfiguration.class}
     * @param overrides properties replacing or adding to {@code application.yml}, for example {@code
     *     biotdm.ledger.conflict-attempts}
     * @param <T> the record type
     * @return the bound record
     * @throws io.micronaut.context.exceptions.BeanInstantiationException when a setting is missing or out of range
     */
    public static <T> T bind(Class<T> type, Map<String, Object> overrides) {
        try (ApplicationContext context = start(overrides)) {
            return context.getBean(type);
        }
    }

    /**
     * Binds one settings record with the shipped defaults.
     *
     * @param type the record
     * @param <T> the record type
     * @return the bound record
     */
    public static <T> T defaults(Class<T> type) {
        return bind(type, Map.of());
    }

    /**
     * Starts a context holding only the settings records and the {@code config} package's beans.
     *
     * @param overrides properties replacing or adding to {@code application.yml}
     * @return the running context; the caller closes it
     */
    public static ApplicationContext start(Map<String, Object> overrides) {
        return ApplicationContext.builder()
                .properties(overrides)
                .beanConfigurations(new OnlySettings())
                .start();
    }

    /** Disables every gateway bean but the settings records and the {@code config} package. */
    private static final class OnlySettings implements BeanConfiguration {
        @Override
        public Package getPackage() {
            return TestSettings.class.getPackage();
        }

        @Override
        public String getName() {
            return "org.biotdm.gateway (settings only)";
        }

        @Override
        public String getVersion() {
            return null;
        }

        @Override
        public boolean isEnabled(BeanContext context) {
            return false;
        }

        @Override
        public boolean isEnabled(BeanContext context, BeanResolutionContext resolutionContext) {
            return false;
        }

        @Override
        public boolean isWithin(BeanDefinitionReference reference) {
            return isWithin(reference.getBeanType().getName());
        }

        @Override
        public boolean isWithin(Class cls) {
            return isWithin(cls.getName());
        }

        @Override
        public boolean isWithin(String className) {
            boolean gatewayBean = className.startsWith(GATEWAY)
                    && !className.startsWith(GATEWAY + "config.")
                    && !className.endsWith("Configuration");
            return gatewayBean || STARTING_MODULES.stream().anyMatch(className::startsWith);
        }
    }
}
