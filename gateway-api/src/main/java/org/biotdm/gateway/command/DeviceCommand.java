package org.biotdm.gateway.command;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A command as a device receives it from {@code GET /device/v1/commands}. The device executes it at most once (the
 * same command may arrive again until its receipt is accepted: deduplicate by {@code commandId}) and signs its
 * receipt over {@code commandId}, its own ID, {@code commandType} and {@code parametersSha256} as given here.
 *
 * @param commandId the command ID
 * @param commandType the command type
 * @param parameters the parameters object
 * @param parametersSha256 SHA-256 of the canonical parameters, as recorded on the ledger
 * @param issuedAt the IssueCommand transaction time, epoch ms
 * @param expiresAt the expiry, epoch ms: a receipt after it is refused with {@code COMMAND_EXPIRED}
 * @param deliveryCount how many polls have handed it out, this one included (more than 1: a redelivery)
 */
@Serdeable
public record DeviceCommand(
        String commandId,
        String commandType,
        JsonNode parameters,
        String parametersSha256,
        long issuedAt,
        long expiresAt,
        int deliveryCount) {}
