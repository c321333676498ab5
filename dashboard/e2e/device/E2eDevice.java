/*
 * A real device for the dashboard's end-to-end tests, built on the device SDK: it provisions itself with the claim
 * token the dashboard showed (its own P-256 key and CSR), then sends one signed batch of real readings a second
 * (Suthaharan indoor mote 1: humidity and temperature) and completes every command it receives with a signed receipt
 * (SUCCEEDED), until its standard input closes. Run by e2e/device.ts as
 *   java -cp cli/target/biotdm.jar E2eDevice.java <data dir> <device ID> <claim token> <state dir> <Suthaharan CSV>
 * It prints PROVISIONED, then ACK <seq> per batch and COMPLETED <command ID> per command, each on its own line.
 */
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.biotdm.protocol.telemetry.Reading;

public final class E2eDevice {
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String deviceId = args[1];
        String claimToken = args[2];
        Properties stack = new Properties();
        try (var in = Files.newBufferedReader(dataDir.resolve("stack.properties"))) {
            stack.load(in);
        }
        List<String[]> rows = Files.readAllLines(Path.of(args[4])).stream().skip(1).map(line -> line.split(",")).filter(cells -> cells[1].equals("1")).toList();
        AtomicBoolean running = new AtomicBoolean(true);
        try (DeviceFleet fleet = DeviceFleet.open(
                URI.create(stack.getProperty("device.url")),
                Path.of(stack.getProperty("device.server-cert")),
                Path.of(args[3]),
                id -> claimToken,
                false)) {
            DeviceClient device = fleet.devices().device(deviceId);
            say("PROVISIONED");
            Thread commands = daemon(() -> answerCommands(device, running));
            daemon(() -> waitForStdinToClose(running));
            for (int i = 0; running.get(); i = (i + 1) % rows.size()) {
                String[] row = rows.get(i);
                long now = System.currentTimeMillis();
                device.send(List.of(
                                Reading.number("humidity", row[3], "%RH", now),
                                Reading.number("temperature", row[4], "°C", now)))
                        .thenAccept(ack -> say("ACK " + ack.seq()));
                Thread.sleep(1000);
            }
            commands.join(25_000);
        }
    }

    private static void answerCommands(DeviceClient device, AtomicBoolean running) {
        while (running.get()) {
            try {
                for (DeviceCommand command : device.pollCommands(Duration.ofSeconds(10)).get(40, TimeUnit.SECONDS)) {
                    device.completeCommand(command, ReceiptStatus.SUCCEEDED, "{\"applied\":true}".getBytes(StandardCharsets.UTF_8))
                            .get(40, TimeUnit.SECONDS);
                    say("COMPLETED " + command.commandId());
                }
            } catch (Exception e) {
                say("POLL " + e);
            }
        }
    }

    private static void waitForStdinToClose(AtomicBoolean running) {
        try {
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // closed either way
        }
        running.set(false);
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
