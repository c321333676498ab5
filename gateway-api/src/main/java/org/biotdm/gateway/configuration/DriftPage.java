package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of the organisation's drifting devices, by device ID.
 *
 * @param devices the devices' configuration states, each with {@code drift} true
 * @param nextCursor the cursor of the next page, or null on the last
 */
@Serdeable
public record DriftPage(List<ConfigurationResponse> devices, @Nullable String nextCursor) {}
