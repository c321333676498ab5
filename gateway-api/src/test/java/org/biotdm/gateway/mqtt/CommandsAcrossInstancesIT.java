package org.biotdm.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.biotdm.gateway.command.CommandFixture;
import org.biotdm.gateway.command.CommandIssuedFollower;
import org.biotdm.gateway.command.CommandsClient;
import org.biotdm.gateway.command.DeviceCommand;
import org.biotdm.gateway.command.DeviceCommands;
import org.biotdm.gateway.command.DeviceCommandsOperations;
import org.biotdm.gateway.command.IssueCommandRequest;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DeviceIngressCertificates;
import org.biotdm.gateway.ingress.DevicePort;
import org.biotdm.gateway.testing.TestGateway;
import org.biotdm.gateway.testing.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two gateway instances on one dev network and one database, as the architecture deploys them behind a load balancer:
 * a command an operator issues through the first reaches a device connected to the second, pushed over MQTT or
 * answering a waiting long poll, because every instance follows the ledger's {@code CommandIssued} events.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandsAcrossInstancesIT implements TestPropertyProvider {
    private final CommandFixture fixture = new CommandFixture();
    private final Map<String, String> properties = CommandFixture.properties("across");

    @Inject
    ApplicationContext context;

    @Inject
    CommandsClient commands;

    @Inject
    JsonMapper json;

    private EmbeddedServer second;
    private TestUsers.Session operator;

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @BeforeAll
    void second_instance_on_the_same_database() throws Exception {
        Map<String, String> other = new HashMap<>(properties);
        other.put("biotdm.data-dir", TestGateway.dataDir("across-second").toString());
        other.put("biotdm.mqtt.enabled", "true");
        second = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(other), "test");
        fixture.start(context);
        CommandFixture.await(() -> second.getApplicationContext()
                .getBean(CommandIssuedFollower.class)
                .isConnected());
    }

    @AfterAll
    void close() {
        fixture.close();
        if (second != null) {
            second.getApplicationContext().close();
        }
    }

    private String issueOnFirst(DeviceCredentials to) throws Exception {
        String id = "across-" + System.nanoTime();
        commands.issue(
                operator.caller(),
                new IssueCommandRequest(
                        id, to.deviceId(), "reboot", json.readValue("{\"delay\":1}", JsonNode.class), 600L, null));
        return id;
    }

    private DeviceCredentials deviceWithOperator(String prefix) throws Exception {
        DeviceCredentials device = fixture.activeDevice(prefix);
        operator = fixture.grantedOperator(device, List.of("reboot"));
        DeviceRegistry registry = second.getApplicationContext().getBean(DeviceRegistry.class);
        CommandFixture.await(() -> registry.find(device.deviceId()).isPresent());
        return device;
    }

    @Test
    void a_command_issued_on_one_instance_is_pushed_to_its_device_connected_over_mqtt_to_another() throws Exception {
        DeviceCredentials device = deviceWithOperator("across-mqtt");
        ApplicationContext other = second.getApplicationContext();
        Mqtt5BlockingClient client = MqttDevices.hivemq(
                device,
                other.getBean(DeviceIngressCertificates.class).serverCertificate(),
                other.getBean(MqttServer.class).port());
        client.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = client.publishes(MqttGlobalPublishFilter.ALL)) {
            client.subscribeWith()
                    .topicFilter(MqttTopics.commands(device.deviceId()))
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            String id = issueOnFirst(device);
            @SuppressWarnings("unchecked")
            Map<String, Object> pushed = json.readValue(
                    publishes
                            .receive(30, TimeUnit.SECONDS)
                            .map(Mqtt5Publish::getPayloadAsBytes)
                            .orElseThrow(() -> new AssertionError("no command pushed by the second instance")),
                    Map.class);
            assertThat(pushed).containsEntry("commandId", id).containsEntry("commandType", "reboot");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void a_command_issued_on_one_instance_answers_its_devices_long_poll_waiting_on_another() throws Exception {
        DeviceCredentials device = deviceWithOperator("across-poll");
        DeviceCommandsOperations poll =
                DevicePort.as(device, second.getApplicationContext()).client(DeviceCommandsOperations.class);
        assertThat(poll.poll(0L).get(30, TimeUnit.SECONDS).commands()).isEmpty();
        CompletableFuture<DeviceCommands> waiting = poll.poll(30L);
        String id = issueOnFirst(device);
        assertThat(waiting.get(40, TimeUnit.SECONDS).commands())
                .extracting(DeviceCommand::commandId)
                .containsExactly(id);
    }
}
