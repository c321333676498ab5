package org.biotdm.gateway.db;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import io.micronaut.core.util.StringUtils;
import jakarta.inject.Singleton;

/**
 * Points the {@code default} datasource at the embedded MariaDB when no URL is configured.
 *
 * <p>It runs when Micronaut has bound {@code datasources.default.*} but before the configuration's own
 * post-construct step (which would reject a missing URL) and before the Hikari pool and Flyway exist, so the pool,
 * Flyway's migrations and Micronaut Data all see the embedded server's URL. That also holds in {@code @MicronautTest}
 * contexts. The pool connects as the embedded server's least-privilege application user ({@link
 * EmbeddedCredentials}), whatever {@code username} and {@code password} say. With a URL configured it does nothing
 * and no server is started.
 */
@Singleton
final class EmbeddedDatasourceListener implements BeanInitializedEventListener<DatasourceConfiguration> {
    private static final String DEFAULT = "default";

    private final BeanProvider<EmbeddedDatabase> embeddedDatabase;

    /**
     * Creates the listener.
     *
     * @param embeddedDatabase the embedded database, resolved only when it is needed
     */
    public EmbeddedDatasourceListener(BeanProvider<EmbeddedDatabase> embeddedDatabase) {
        this.embeddedDatabase = embeddedDatabase;
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        if (DEFAULT.equals(configuration.getName()) && !StringUtils.hasText(configuration.getConfiguredUrl())) {
            EmbeddedDatabase database = embeddedDatabase.get();
            database.start();
            configuration.setUrl(database.jdbcUrl());
            configuration.setUsername(database.credentials().user());
            configuration.setPassword(database.credentials().password());
        }
        return configuration;
    }
}
