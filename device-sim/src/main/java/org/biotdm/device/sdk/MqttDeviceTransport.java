package org.biotdm.device.sdk;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A {@link DeviceTransport} that carries the device API over the gateway's MQTT port ({@code protocol/mqtt-v1.md}) as
 * MQTT 5 on the HiveMQ client, so {@link DeviceClient} keeps its durable buffer, sequence and retry rules whatever
 * the carrier: a telemetry batch or a receipt is a QoS 1 PUBLISH whose PUBACK becomes the HTTP answer (success {@code
 * 200}; a refusal the status of its kind with the catalogue code from the reason string), and the command long poll
 * is answered from the commands the gateway pushed to the device's subscription. Requests MQTT does not carry
 * (provisioning, firmware) go to the HTTPS transport given.
 *
 * <p>The client connects when opened, with a clean start and no session (the gateway keeps none), reconnects on its
 * own with backoff and subscribes again. A PUBACK refusal maps to: {@code 0x80} → 503 and {@code 0x97} → 429 (both
 * retried), {@code 0x87} → 403 for {@code ACCESS_DENIED} else 400, {@code 0x90} → 404, {@code 0x83} → 409, anything
 * else → 400; so a refusal the spec calls final is final for {@link DeviceClient} too.
 */
public final class MqttDeviceTransport implements DeviceTransport {
    private static final String PREFIX = "biotdm/v1/devices/";
    private static final String TELEMETRY_PATH = "/device/v1/telemetry";
    private static final String COMMANDS_PATH = "/device/v1/commands";
    private static final String RECEIPT_SUFFIX = "/receipt";

    private final Mqtt5AsyncClient client;
    private final String deviceId;
    private final PushedCommands pushed = new PushedCommands();
    private final Supplier<DeviceTransport> httpsOpener;
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private DeviceTransport https;

    private MqttDeviceTransport(Mqtt5AsyncClient client, String deviceId, Supplier<DeviceTransport> httpsOpener) {
        this.client = client;
        this.deviceId = deviceId;
        this.httpsOpener = httpsOpener;
    }

    /**
     * Returns a factory for transports to one gateway's MQTT port; a transport without credentials (provisioning) is
     * the HTTPS one.
     *
     * @param mqtt the MQTT port, for example {@code mqtts://gateway.example.com:8883}
     * @param trusted the gateway's server certificate or its CA
     * @param https the device port's transports, for what MQTT does not carry
     * @return the factory
     */
    public static DeviceTransportFactory factory(
            URI mqtt, List<X509Certificate> trusted, DeviceTransportFactory https) {
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(https, "https");
        List<X509Certificate> trust = List.copyOf(trusted);
        return credentials -> credentials == null ? https.open(null) : open(mqtt, trust, credentials, https);
    }

    private static MqttDeviceTransport open(
            URI mqtt, List<X509Certificate> trust, DeviceCredentials credentials, DeviceTransportFactory https) {
        String deviceId = credentials.deviceId();
        Mqtt5AsyncClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(deviceId)
                .serverHost(mqtt.getHost())
                .serverPort(mqtt.getPort() < 0 ? 8883 : mqtt.getPort())
                .sslConfig()
                .keyManagerFactory(DeviceTls.keyManagerFactory(credentials))
                .trustManagerFactory(DeviceTls.trustManagerFactory(trust))
                .applySslConfig()
                .automaticReconnectWithDefaultConfig()
                .buildAsync();
        MqttDeviceTransport transport = new MqttDeviceTransport(client, deviceId, () -> https.open(credentials));
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, transport.pushed::add);
        client.connectWith()
                .cleanStart(true)
                .sessionExpiryInterval(0)
                .send()
                .thenCompose(ack -> client.subscribeWith()
                        .topicFilter(PREFIX + deviceId + "/commands")
                        .qos(MqttQos.AT_LEAST_ONCE)
                        .send())
                .whenComplete((subAck, error) -> transport.subscribed(subAck, error));
        return transport;
    }

    private void subscribed(Mqtt5SubAck subAck, Throwable error) {
        if (error != null) {
            subscribed.completeExceptionally(error);
        } else if (subAck.getReasonCodes().stream().anyMatch(Mqtt5SubAckReasonCode::isError)) {
            subscribed.completeExceptionally(
                    new IOException("Command subscription refused: " + subAck.getReasonCodes()));
        } else {
            subscribed.complete(null);
        }
    }

    /**
     * Returns the first connection's outcome: it completes once the gateway accepted the CONNECT and acknowledged the
     * subscription to the device's command topic, so the device is connected and commands will be pushed.
     *
     * @return completes then; completes exceptionally when the first CONNECT or SUBSCRIBE is refused or fails (the
     *     client still reconnects on its own)
     */
    public CompletableFuture<Void> subscribed() {
        return subscribed.copy();
    }

    @Override
    public CompletableFuture<DeviceResponse> exchange(DeviceRequest request) {
        String path = request.path();
        if ("POST".equals(request.method()) && TELEMETRY_PATH.equals(path)) {
            return publish(PREFIX + deviceId + "/telemetry", request);
        }
        if ("POST".equals(request.method()) && path.startsWith(COMMANDS_PATH + "/") && path.endsWith(RECEIPT_SUFFIX)) {
            String commandId = path.substring(COMMANDS_PATH.length() + 1, path.length() - RECEIPT_SUFFIX.length());
            return publish(PREFIX + deviceId + "/commands/" + commandId + RECEIPT_SUFFIX, request);
        }
        if ("GET".equals(request.method()) && path.startsWith(COMMANDS_PATH + "?wait=")) {
            long wait = Long.parseLong(path.substring(path.indexOf('=') + 1));
            return pushed.next(wait, TimeUnit.SECONDS)
                    .thenApply(body -> new DeviceResponse(200, body.getBytes(StandardCharsets.UTF_8), null));
        }
        return https().exchange(request);
    }

    private synchronized DeviceTransport https() {
        if (https == null) {
            https = httpsOpener.get();
        }
        return https;
    }

    private CompletableFuture<DeviceResponse> publish(String topic, DeviceRequest request) {
        return client.publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(request.body())
                .send()
                .orTimeout(request.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((result, error) -> {
                    Throwable failure =
                            error != null ? error : result.getError().orElse(null);
                    if (failure == null && result instanceof Mqtt5PublishResult.Mqtt5Qos1Result acked) {
                        return PubAcks.answer(acked.getPubAck());
                    }
                    return failed(failure);
                });
    }

    private static DeviceResponse failed(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof Mqtt5PubAckException refused) {
            return PubAcks.answer(refused.getMqttMessage());
        }
        throw new CompletionException(new IOException("MQTT publish not acknowledged: " + cause, cause));
    }

    @Override
    public void close() {
        client.disconnect();
        pushed.close();
        DeviceTransport open;
        synchronized (this) {
            open = https;
        }
        if (open != null) {
            open.close();
        }
    }
}
