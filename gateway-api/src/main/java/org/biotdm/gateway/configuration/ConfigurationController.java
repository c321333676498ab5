package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/** Serves {@link ConfigurationOperations}; ledger writes and JDBC block, so requests run on the blocking executor. */
@Tag(name = "Configuration")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConfigurationController implements ConfigurationOperations {
    private final ConfigurationService configurations;
    private final GroupConfigurationService groups;

    /**
     * Creates the controller.
     *
     * @param configurations sets and reads configurations
     * @param groups sets and reads groups' configurations
     */
    ConfigurationController(ConfigurationService configurations, GroupConfigurationService groups) {
        this.configurations = configurations;
        this.groups = groups;
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public DesiredConfigurationResponse setDesired(
            Authentication authentication, String deviceId, SetConfigurationRequest request) {
        return configurations.setDesired(ApiUser.from(authentication), deviceId, request);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public DesiredConfigurationResponse desired(Authentication authentication, String deviceId) {
        return configurations.desired(ApiUser.from(authentication), deviceId);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public ConfigurationResponse state(Authentication authentication, String deviceId) {
        return configurations.state(ApiUser.from(authentication), deviceId);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public DriftPage drifting(Authentication authentication, @Nullable String cursor, @Nullable Integer limit) {
        return configurations.drifting(ApiUser.from(authentication), cursor, limit);
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public GroupConfigurationResponse setGroupDesired(
            Authentication authentication, String groupId, SetGroupConfigurationRequest request) {
        return groups.setDesired(ApiUser.from(authentication), groupId, request);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public GroupConfigurationState groupState(Authentication authentication, String groupId) {
        return groups.state(ApiUser.from(authentication), groupId);
    }
}
