package org.biotdm.gateway.command;

/**
 * Says that a device has a command waiting to be handed out: published on this gateway instance when a command is
 * issued through it, or when its {@link CommandIssuedFollower} sees the ledger's {@code CommandIssued} event of a
 * command issued through any instance. Device transports that push (MQTT) fetch the device's pending commands.
 *
 * @param deviceId the device
 */
public record CommandPendingEvent(String deviceId) {}
