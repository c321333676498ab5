package org.biotdm.gateway.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.Pem;
import org.biotdm.gateway.telemetry.SignedBatches;
import org.biotdm.gateway.telemetry.SuthaharanMotes;
import org.biotdm.protocol.receipt.CommandReceipt;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/** Third-party MQTT clients set up as a device, and the payloads a device sends, for the MQTT port's tests. */
final class MqttDevices {
    /** Real readings: Suthaharan et al.'s indoor single-hop mote 1, humidity and temperature. */
    private static final List<SuthaharanMotes.Sample> MOTE =
            SuthaharanMotes.singleHop("singlehop_indoor_moteid1_data.txt");

    private MqttDevices() {}

    /** Returns an MQTT 5 HiveMQ client presenting the device's certificate, not yet connected. */
    static Mqtt5BlockingClient hivemq(DeviceCredentials device, X509Certificate server, int port)
            throws IOException, GeneralSecurityException {
        return hivemqBuilder(device, server, port).buildBlocking();
    }

    /** Returns an MQTT 5 HiveMQ client builder presenting the device's certificate. */
    static Mqtt5ClientBuilder hivemqBuilder(DeviceCredentials device, X509Certificate server, int port)
            throws IOException, GeneralSecurityException {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(device.deviceId())
                .serverHost("127.0.0.1")
                .serverPort(port)
                .sslConfig()
                .keyManagerFactory(device.keyManagerFactory())
                .trustManagerFactory(DeviceCredentials.trusting(server))
                .applySslConfig();
    }

    /** Returns an MQTT 5 HiveMQ client that trusts the server but presents no client certificate. */
    static Mqtt5BlockingClient hivemqWithoutCertificate(String clientId, X509Certificate server, int port)
            throws IOException, GeneralSecurityException {
        return MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(port)
                .sslConfig()
                .trustManagerFactory(DeviceCredentials.trusting(server))
                .applySslConfig()
                .buildBlocking();
    }

    /** Publishes at QoS 1 and returns the PUBACK, refused or not. */
    static Mqtt5PubAck publish(Mqtt5BlockingClient client, String topic, byte[] payload) {
        try {
            Mqtt5PublishResult result = client.publishWith()
                    .topic(topic)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .payload(payload)
                    .send();
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) result).getPubAck();
        } catch (Mqtt5PubAckException e) {
            return e.getMqttMessage();
        }
    }

    /** Returns the options of an MQTT 3.1.1 Paho connection presenting the device's certificate. */
    static MqttConnectOptions paho(DeviceCredentials device, X509Certificate server) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setSocketFactory(device.sslContext(server).getSocketFactory());
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        return options;
    }

    /** Returns a signed batch of real mote readings: {@code samples} samples, batch time now. */
    static byte[] batch(DeviceCredentials device, long seq, int samples) {
        int from = (int) (seq % (MOTE.size() - samples));
        return SignedBatches.body(
                        device,
                        seq,
                        System.currentTimeMillis(),
                        SignedBatches.moteReadings(MOTE.subList(from, from + samples), System.currentTimeMillis()))
                .getBytes(UTF_8);
    }

    /** Returns a signed SUCCEEDED receipt without result for a command the device received. */
    static byte[] receipt(DeviceCredentials device, String commandId, String type, String parametersSha256) {
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        CommandReceipt receipt = new CommandReceipt(
                commandId,
                device.deviceId(),
                type,
                parametersSha256,
                org.biotdm.protocol.receipt.ReceiptStatus.SUCCEEDED,
                empty);
        String signature = Base64.getEncoder()
                .encodeToString(device.sign(receipt.canonicalText().getBytes(UTF_8)));
        return ("{\"status\":\"SUCCEEDED\",\"resultSha256\":\"" + empty + "\",\"signature\":\"" + signature + "\"}")
                .getBytes(UTF_8);
    }

    /**
     * Runs a mosquitto client ({@code mosquitto_pub}, {@code mosquitto_sub}) with the device's files against the port.
     *
     * @param files the directory of {@link #mosquittoFiles}
     * @param command the program and its own arguments
     * @return the started process, output and errors merged
     */
    static Process mosquitto(Path files, int port, String deviceId, String... command) throws IOException {
        List<String> arguments = new java.util.ArrayList<>(List.of(command));
        arguments.addAll(List.of(
                "-h", "127.0.0.1",
                "-p", Integer.toString(port),
                "--cafile", files.resolve("server.pem").toString(),
                "--cert", files.resolve("cert.pem").toString(),
                "--key", files.resolve("key.pem").toString(),
                "-i", deviceId));
        return new ProcessBuilder(arguments).redirectErrorStream(true).start();
    }

    /**
     * Writes the files {@code mosquitto_pub}/{@code mosquitto_sub} take: {@code cert.pem} (device certificate and CA),
     * {@code key.pem} and {@code server.pem} (the CA of the server's certificate).
     */
    static Path mosquittoFiles(DeviceCredentials device, X509Certificate serverCa) throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "it-data")), "mosquitto-");
        Files.writeString(dir.resolve("cert.pem"), Pem.encode(device.certificate(), device.caCertificate()));
        Files.writeString(
                dir.resolve("key.pem"),
                Pem.encode(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                        device.keys().getPrivate(), null)));
        Files.writeString(dir.resolve("server.pem"), Pem.encode(serverCa));
        return dir;
    }
}
