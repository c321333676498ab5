package org.biotdm.gateway.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.biotdm.gateway.command.CommandFixture;
import org.biotdm.gateway.command.CommandLedger;
import org.biotdm.gateway.command.CommandState;
import org.biotdm.gateway.command.CommandsClient;
import org.biotdm.gateway.command.IssueCommandRequest;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DeviceIngressCertificates;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.logging.LogContext;
import org.biotdm.gateway.testing.TestUsers;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The MQTT port with clients nobody here wrote, on the dev network and MariaDB: the HiveMQ client (MQTT 5) and Eclipse
 * Paho (MQTT 3.1.1) publish signed batches of real mote readings and complete pushed commands with signed receipts;
 * every refusal carries its reason code and catalogue code, stores nothing and leaves the MQTT 5 connection usable.
 * Debian's {@code mosquitto_pub} and {@code mosquitto_sub} publish a batch, receive a command and complete it. A device
 * suspended on the ledger is disconnected.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttTransportIT implements TestPropertyProvider {
    private final CommandFixture fixture = new CommandFixture();

    @Inject
    ApplicationContext context;

    @Inject
    CommandsClient commands;

    @Inject
    CommandLedger ledger;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver dataSourceResolver;

    @Inject
    JsonMapper json;

    private DeviceCredentials device;
    private TestUsers.Session operator;
    private X509Certificate server;
    private int port;
    /** The shared device's next batch sequence number: the tests' batches must be new whatever their order. */
    private final java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong(1000);

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = CommandFixture.properties("mqtt");
        properties.put("biotdm.mqtt.enabled", "true");
        properties.put("biotdm.mqtt.port", "0");
        // A CA-issued server certificate, which mosquitto (OpenSSL) accepts, unlike the generated self-signed one.
        Path chain = CommandFixture.PKI.writeServerCertificate(Path.of(properties.get("biotdm.data-dir")));
        properties.put("biotdm.ingress.tls-cert", chain.toString());
        properties.put(
                "biotdm.ingress.tls-key", chain.resolveSibling("server-key.pem").toString());
        return properties;
    }

    @BeforeAll
    void device_and_granted_operator() throws Exception {
        fixture.start(context);
        device = fixture.activeDevice("mqtt");
        operator = fixture.grantedOperator(device, List.of("reboot"));
        server = context.getBean(DeviceIngressCertificates.class).serverCertificate();
        port = context.getBean(MqttServer.class).port();
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    private Mqtt5BlockingClient connected(DeviceCredentials as) throws Exception {
        Mqtt5BlockingClient client = MqttDevices.hivemq(as, server, port);
        client.connect();
        return client;
    }

    private long storedBatches(DeviceCredentials of) throws Exception {
        try (Connection connection = dataSourceResolver.resolve(dataSource).getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT COUNT(*) FROM telemetry_batches WHERE device_id = ?")) {
            statement.setString(1, of.deviceId());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String issue(DeviceCredentials to) throws Exception {
        String id = "mq-" + System.nanoTime();
        commands.issue(
                operator.caller(),
                new IssueCommandRequest(
                        id, to.deviceId(), "reboot", json.readValue("{\"delay\":1}", JsonNode.class), 600L, null));
        return id;
    }

    @Test
    void mqtt5_connack_advertises_the_servers_limits() throws Exception {
        Mqtt5BlockingClient client = MqttDevices.hivemq(device, server, port);
        Mqtt5ConnAck ack = client.connectWith().keepAlive(0).send();
        try {
            assertThat(ack.getRestrictions().getReceiveMaximum()).isEqualTo(16);
            assertThat(ack.getRestrictions().getMaximumPacketSize()).isEqualTo(263168);
            assertThat(ack.getRestrictions().getMaximumQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(ack.getRestrictions().isRetainAvailable()).isFalse();
            assertThat(ack.getRestrictions().isWildcardSubscriptionAvailable()).isFalse();
            assertThat(ack.getServerKeepAlive()).hasValue(300);
            assertThat(ack.getSessionExpiryInterval()).hasValue(0);
            assertThat(ack.isSessionPresent()).isFalse();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mqtt5_batch_is_acknowledged_after_its_commit() throws Exception {
        Mqtt5BlockingClient client = connected(device);
        try {
            long before = storedBatches(device);
            Mqtt5PubAck ack = MqttDevices.publish(
                    client,
                    MqttTopics.telemetry(device.deviceId()),
                    MqttDevices.batch(device, seq.incrementAndGet(), 4));
            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(ack.getUserProperties().asList()).anySatisfy(p -> assertThat(p.getName() + "=" + p.getValue())
                    .hasToString("accepted=8"));
            assertThat(storedBatches(device)).isEqualTo(before + 1);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mqtt5_refusals_carry_reason_and_catalogue_codes_store_nothing_and_keep_the_connection() throws Exception {
        DeviceCredentials other = CommandFixture.PKI.issue("someone-else");
        DeviceCredentials device = fixture.activeDevice("mqtt-refusals");
        Mqtt5BlockingClient client = connected(device);
        try {
            String topic = MqttTopics.telemetry(device.deviceId());
            assertThat(MqttDevices.publish(client, topic, MqttDevices.batch(device, 5000, 2))
                            .getReasonCode())
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            long stored = storedBatches(device);
            assertRefused(
                    MqttDevices.publish(
                            client, MqttTopics.telemetry("someone-else"), MqttDevices.batch(device, 5001, 2)),
                    Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                    "ACCESS_DENIED");
            assertRefused(
                    MqttDevices.publish(client, topic, "{\"seq\":5002,".getBytes(UTF_8)),
                    Mqtt5PubAckReasonCode.PAYLOAD_FORMAT_INVALID,
                    "TELEMETRY_MALFORMED");
            assertRefused(
                    MqttDevices.publish(client, topic, MqttDevices.batch(other, 5003, 2)),
                    Mqtt5PubAckReasonCode.NOT_AUTHORIZED,
                    "TELEMETRY_BAD_SIGNATURE");
            assertRefused(
                    MqttDevices.publish(client, topic, MqttDevices.batch(device, 1, 2)),
                    Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                    "TELEMETRY_REPLAYED");
            assertRefused(
                    MqttDevices.publish(client, "elsewhere/telemetry", MqttDevices.batch(device, 5004, 2)),
                    Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID,
                    "NOT_FOUND");
            assertThat(storedBatches(device)).isEqualTo(stored);
            assertThat(MqttDevices.publish(client, topic, MqttDevices.batch(device, 5005, 2))
                            .getReasonCode())
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(storedBatches(device)).isEqualTo(stored + 1);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void an_mqtt_connections_log_lines_carry_its_request_id_and_device_in_the_mdc() throws Exception {
        DeviceCredentials device = fixture.activeDevice("mqtt-mdc");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        List<Logger> loggers = List.of(logger(MqttConnection.class), logger(DevicePublishes.class));
        captured.start();
        loggers.forEach(logger -> {
            logger.setLevel(Level.DEBUG);
            logger.addAppender(captured);
        });
        Mqtt5BlockingClient client = connected(device);
        try {
            assertRefused(
                    MqttDevices.publish(client, "elsewhere/telemetry", MqttDevices.batch(device, 7000, 2)),
                    Mqtt5PubAckReasonCode.TOPIC_NAME_INVALID,
                    "NOT_FOUND");
        } finally {
            client.disconnect();
            loggers.forEach(logger -> {
                logger.detachAppender(captured);
                logger.setLevel(null);
            });
        }
        List<Map<String, String>> contexts = captured.list.stream()
                .filter(event ->
                        device.deviceId().equals(event.getMDCPropertyMap().get(LogContext.DEVICE_ID)))
                .map(ILoggingEvent::getMDCPropertyMap)
                .toList();
        assertThat(captured.list)
                .as("the accepted CONNECT, and the refusal logged after the PUBLISH crossed threads")
                .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("connection accepted"))
                .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("refused: NOT_FOUND"));
        assertThat(contexts).hasSizeGreaterThanOrEqualTo(2);
        assertThat(contexts.get(0).get(LogContext.REQUEST_ID)).matches("[0-9a-f]{16}");
        assertThat(contexts)
                .extracting(mdc -> mdc.get(LogContext.REQUEST_ID))
                .as("one connection, one request ID")
                .containsOnly(contexts.get(0).get(LogContext.REQUEST_ID));
    }

    private static Logger logger(Class<?> of) {
        return (Logger) LoggerFactory.getLogger(of);
    }

    private static void assertRefused(Mqtt5PubAck ack, Mqtt5PubAckReasonCode reason, String code) {
        assertThat(ack.getReasonCode()).isEqualTo(reason);
        assertThat(ack.getReasonString())
                .hasValueSatisfying(s -> assertThat(s.toString()).startsWith(code + ": "));
    }

    @Test
    void mqtt5_device_gets_its_command_pushed_and_completes_it_with_a_signed_receipt() throws Exception {
        Mqtt5BlockingClient client = connected(device);
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThatThrownBy(() -> client.subscribeWith()
                            .topicFilter(MqttTopics.commands("someone-else"))
                            .qos(MqttQos.AT_LEAST_ONCE)
                            .send())
                    .isInstanceOfSatisfying(Mqtt5SubAckException.class, e -> assertThat(
                                    e.getMqttMessage().getReasonCodes())
                            .containsExactly(Mqtt5SubAckReasonCode.NOT_AUTHORIZED));
            client.subscribeWith()
                    .topicFilter(MqttTopics.commands(device.deviceId()))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            String id = issue(device);
            Map<String, Object> command = receiveCommand(
                    () -> publishes
                            .receive(30, TimeUnit.SECONDS)
                            .filter(p -> p.getTopic().toString().equals(MqttTopics.commands(device.deviceId())))
                            .map(Mqtt5Publish::getPayloadAsBytes)
                            .orElse(null),
                    id);
            Mqtt5PubAck ack = MqttDevices.publish(
                    client,
                    MqttTopics.receipt(device.deviceId(), id),
                    MqttDevices.receipt(device, id, "reboot", (String) command.get("parametersSha256")));
            assertThat(ack.getReasonCode()).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat(ledger.get(id).orElseThrow().status()).isEqualTo(CommandState.SUCCEEDED);
            assertRefused(
                    MqttDevices.publish(
                            client,
                            MqttTopics.receipt(device.deviceId(), id),
                            MqttDevices.receipt(device, id, "reboot", (String) command.get("parametersSha256"))),
                    Mqtt5PubAckReasonCode.IMPLEMENTATION_SPECIFIC_ERROR,
                    "COMMAND_ALREADY_COMPLETED");
        } finally {
            client.disconnect();
        }
    }

    /** Something that waits for the next pushed payload, null when none came in time. */
    private interface Pushed {
        byte[] next() throws Exception;
    }

    private Map<String, Object> receiveCommand(Pushed pushed, String id) throws Exception {
        while (true) {
            byte[] payload = pushed.next();
            assertThat(payload).as("command %s pushed", id).isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> command = json.readValue(payload, Map.class);
            if (id.equals(command.get("commandId"))) {
                return command;
            }
        }
    }

    @Test
    void a_client_without_a_certificate_of_a_trusted_device_ca_fails_the_handshake() throws Exception {
        DeviceCredentials foreign = TestDevicePki.create("Some other CA").issue(device.deviceId());
        assertThatThrownBy(() -> connected(foreign)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void a_client_presenting_no_certificate_fails_the_handshake() throws Exception {
        Mqtt5BlockingClient anonymous = MqttDevices.hivemqWithoutCertificate(device.deviceId(), server, port);
        assertThatThrownBy(anonymous::connect).isInstanceOf(RuntimeException.class);
    }

    @Test
    void mqtt311_paho_publishes_a_batch_and_completes_a_pushed_command() throws Exception {
        MqttClient client = new MqttClient("ssl://127.0.0.1:" + port, device.deviceId(), new MemoryPersistence());
        client.connect(MqttDevices.paho(device, server));
        try {
            long before = storedBatches(device);
            client.publish(
                    MqttTopics.telemetry(device.deviceId()),
                    MqttDevices.batch(device, seq.incrementAndGet(), 3),
                    1,
                    false);
            assertThat(storedBatches(device)).isEqualTo(before + 1);
            BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
            client.subscribe(MqttTopics.commands(device.deviceId()), 1, (t, m) -> received.add(m.getPayload()));
            String id = issue(device);
            Map<String, Object> command = receiveCommand(() -> received.poll(30, TimeUnit.SECONDS), id);
            client.publish(
                    MqttTopics.receipt(device.deviceId(), id),
                    MqttDevices.receipt(device, id, "reboot", (String) command.get("parametersSha256")),
                    1,
                    false);
            assertThat(ledger.get(id).orElseThrow().status()).isEqualTo(CommandState.SUCCEEDED);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    @Test
    void mqtt311_refusals_close_the_connection_and_store_nothing() throws Exception {
        long before = storedBatches(device);
        for (byte[] refused : List.of("{\"seq\":".getBytes(UTF_8), new byte[300_000])) {
            MqttClient client = new MqttClient("ssl://127.0.0.1:" + port, device.deviceId(), new MemoryPersistence());
            client.connect(MqttDevices.paho(device, server));
            try {
                assertThatThrownBy(() -> client.publish(MqttTopics.telemetry(device.deviceId()), refused, 1, false))
                        .isInstanceOf(MqttException.class);
                assertThat(client.isConnected()).isFalse();
            } finally {
                client.close(true);
            }
        }
        assertThat(storedBatches(device)).isEqualTo(before);
    }

    @Test
    void mqtt311_flood_past_receive_maximum_closes_the_connection() throws Exception {
        MqttAsyncClient client =
                new MqttAsyncClient("ssl://127.0.0.1:" + port, device.deviceId(), new MemoryPersistence());
        MqttConnectOptions options = MqttDevices.paho(device, server);
        options.setMaxInflight(200);
        client.connect(options).waitForCompletion(30_000);
        try {
            for (int i = 0; i < 200 && client.isConnected(); i++) {
                client.publish(
                        MqttTopics.telemetry(device.deviceId()),
                        MqttDevices.batch(device, seq.incrementAndGet(), 1),
                        1,
                        false);
            }
            CommandFixture.await(() -> !client.isConnected());
            assertThat(client.isConnected()).isFalse();
        } catch (MqttException e) {
            // The gateway closed the connection: Paho reports it as lost, or, when the close races a publish, as
            // not connected.
            assertThat(e.getReasonCode()).isIn((int) MqttException.REASON_CODE_CONNECTION_LOST, (int)
                    MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
        } finally {
            client.close(true);
        }
    }

    @Test
    void mosquitto_clients_publish_a_batch_receive_a_command_and_complete_it() throws Exception {
        Path files = MqttDevices.mosquittoFiles(device, CommandFixture.PKI.caCertificate());
        long before = storedBatches(device);
        mosquittoPub(
                files, MqttTopics.telemetry(device.deviceId()), MqttDevices.batch(device, seq.incrementAndGet(), 2));
        assertThat(storedBatches(device)).isEqualTo(before + 1);
        Process sub = MqttDevices.mosquitto(
                files,
                port,
                device.deviceId(),
                "mosquitto_sub",
                "-V",
                "mqttv311",
                "-q",
                "1",
                "-t",
                MqttTopics.commands(device.deviceId()),
                "-C",
                "1",
                "-W",
                "60");
        String id = issue(device);
        assertThat(sub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> command = json.readValue(sub.getInputStream().readAllBytes(), Map.class);
        assertThat(command).containsEntry("commandId", id).containsEntry("commandType", "reboot");
        mosquittoPub(
                files, MqttTopics.receipt(device.deviceId(), id), MqttDevices.receipt(device, id, "reboot", (String)
                        command.get("parametersSha256")));
        assertThat(ledger.get(id).orElseThrow().status()).isEqualTo(CommandState.SUCCEEDED);
    }

    /** Publishes a payload with {@code mosquitto_pub} over MQTT 5 at QoS 1 and checks that it exits with 0. */
    private void mosquittoPub(Path files, String topic, byte[] payload) throws Exception {
        Path file = Files.createTempFile(files, "payload-", ".json");
        Files.write(file, payload);
        Process pub = MqttDevices.mosquitto(
                files,
                port,
                device.deviceId(),
                "mosquitto_pub",
                "-V",
                "mqttv5",
                "-q",
                "1",
                "-t",
                topic,
                "-f",
                file.toString());
        assertThat(pub.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pub.exitValue())
                .as(new String(pub.getInputStream().readAllBytes(), UTF_8))
                .isZero();
    }

    @Test
    void a_device_suspended_on_the_ledger_is_disconnected_with_administrative_action() throws Exception {
        DeviceCredentials suspended = fixture.activeDevice("mqtt-suspended");
        CompletableFuture<Throwable> closed = new CompletableFuture<>();
        Mqtt5BlockingClient client = MqttDevices.hivemqBuilder(suspended, server, port)
                .addDisconnectedListener(c -> closed.complete(c.getCause()))
                .buildBlocking();
        client.connect();
        try (DevnetAdmin admin = DevnetAdmin.connect(0)) {
            admin.lifecycle("SuspendDevice", suspended.deviceId());
        }
        Throwable cause = closed.get(30, TimeUnit.SECONDS);
        assertThat(cause).isInstanceOf(Mqtt5DisconnectException.class);
        Mqtt5Disconnect disconnect = ((Mqtt5DisconnectException) cause).getMqttMessage();
        assertThat(disconnect.getReasonCode()).isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION);
        assertThat(disconnect.getReasonString().orElseThrow().toString()).startsWith("DEVICE_NOT_ACTIVE: ");
    }
}
