/**
 * The MQTT device transport ({@code protocol/mqtt-v1.md}): an MQTT 5.0 and 3.1.1 server on its own port, built on
 * Netty's {@code netty-codec-mqtt}, with mutual TLS against the device CAs. It authenticates devices with the {@link
 * org.biotdm.gateway.ingress.DeviceAuthenticator} the HTTPS device port uses, stores telemetry through the same {@link
 * org.biotdm.gateway.telemetry.TelemetryService} (PUBACK after the group commit), completes commands through {@link
 * org.biotdm.gateway.command.CommandReceipts} and pushes commands handed out by {@link
 * org.biotdm.gateway.command.CommandDelivery}.
 */
package org.biotdm.gateway.mqtt;
