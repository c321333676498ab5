/**
 * The BIoT-DM device SDK: what a JVM-based device or edge gateway embeds to talk to a BIoT-DM gateway's device port.
 *
 * <ul>
 *   <li>{@link org.biotdm.device.sdk.DeviceKeys}: the device's P-256 key, its PKCS#10 request and ECDSA signatures
 *       (BouncyCastle's low-level signer, RFC 6979 nonces);
 *   <li>{@link org.biotdm.device.sdk.DeviceState}: key, certificate, sequence number and unacknowledged batches in
 *       a state directory, so a restart resumes where the device stopped;
 *   <li>{@link org.biotdm.device.sdk.DeviceClient}: zero-touch provisioning ({@code POST /device/v1/provision}),
 *       signed telemetry batches ({@code biotdm-telemetry-v1}) kept in a durable buffer until acknowledged, retries
 *       with exponential backoff and jitter that honour {@code Retry-After}, the command long-poll and signed
 *       receipts ({@code biotdm-receipt-v1});
 *   <li>{@link org.biotdm.device.sdk.DeviceTransport}: the HTTP exchange, by default the JDK's client over mutual
 *       TLS ({@link org.biotdm.device.sdk.JdkDeviceTransport}); the simulator plugs in a shared event loop; {@link
 *       org.biotdm.device.sdk.MqttDeviceTransport} carries telemetry, commands and receipts over MQTT 5 instead.
 * </ul>
 *
 * It depends on BouncyCastle, jackson-core and, for MQTT, the HiveMQ MQTT client.
 */
package org.biotdm.device.sdk;
