package org.biotdm.gateway.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of {@code GET /device/v1/commands}: the device's pending commands, oldest first (empty when none arrived
 * during the wait).
 *
 * @param commands the commands
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeviceCommands(List<DeviceCommand> commands) {}
