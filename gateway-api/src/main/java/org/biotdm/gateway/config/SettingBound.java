package org.biotdm.gateway.config;

import io.micronaut.context.BeanLocator;
import java.util.function.ToLongFunction;
import org.biotdm.gateway.alert.AlertConfiguration;
import org.biotdm.gateway.command.CommandsConfiguration;
import org.biotdm.gateway.query.QueryConfiguration;

/**
 * The settings that bound request parameters ({@link AtMostSetting}); each reads its value from the settings record
 * where its default is written, so the default exists once.
 */
public enum SettingBound {
    /** {@code biotdm.alerts.max-page-size}: the largest page of the alert list. */
    ALERT_PAGE_SIZE("biotdm.alerts.max-page-size", beans -> beans.getBean(AlertConfiguration.class)
            .maxPageSize()),
    /** {@code biotdm.query.max-page-size}: the largest page of raw readings. */
    READING_PAGE_SIZE("biotdm.query.max-page-size", beans -> beans.getBean(QueryConfiguration.class)
            .maxPageSize()),
    /** {@code biotdm.commands.max-page-size}: the largest page of the command list. */
    COMMAND_PAGE_SIZE("biotdm.commands.max-page-size", beans -> beans.getBean(CommandsConfiguration.class)
            .maxPageSize());

    private final String setting;
    private final ToLongFunction<BeanLocator> value;

    SettingBound(String setting, ToLongFunction<BeanLocator> value) {
        this.setting = setting;
        this.value = value;
    }

    /**
     * Returns the setting's name.
     *
     * @return for example {@code biotdm.alerts.max-page-size}
     */
    public String setting() {
        return setting;
    }

    /**
     * Reads the bound.
     *
     * @param beans where the settings records are
     * @return the setting's current value
     */
    public long value(BeanLocator beans) {
        return value.applyAsLong(beans);
    }
}
