package org.biotdm.device.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareRefusedException;
import org.biotdm.protocol.firmware.ManifestVerifier;
import org.biotdm.protocol.receipt.ReceiptStatus;

/**
 * Carries out a {@code firmware-update} command on a device: reads its parameters ({@code {"campaignId","manifest",
 * "image"}}), runs {@link FirmwareUpdater} against the device port through the client's {@link FirmwareChannel}
 * (each state reported as it happens; {@code UPDATED} as the signed installation receipt after the install), and
 * completes the command with its receipt, {@code SUCCEEDED} or {@code FAILED}. Blocks: run it on a worker thread.
 */
public final class FirmwareCommandHandler {
    /** The command type the gateway's campaigns send. */
    public static final String COMMAND_TYPE = "firmware-update";

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");

    private final ManifestVerifier verifier;
    private final String model;
    private final RetryPolicy retry;
    private final int chunkBytes;

    /**
     * Creates the handler.
     *
     * @param verifier the manufacturer keys the device was built with
     * @param model the device's model
     * @param retry when to retry a failed image range
     * @param chunkBytes bytes per {@code Range} request
     */
    public FirmwareCommandHandler(ManifestVerifier verifier, String model, RetryPolicy retry, int chunkBytes) {
        this.verifier = verifier;
        this.model = model;
        this.retry = retry;
        this.chunkBytes = chunkBytes;
    }

    /**
     * The outcome of one command.
     *
     * @param campaignId the campaign
     * @param installed the manifest now installed, or null when the update failed
     * @param reason the catalogue code of a failure, or null
     */
    public record Outcome(String campaignId, FirmwareManifest installed, String reason) {}

    /**
     * Runs one {@code firmware-update} command.
     *
     * @param device the device's client
     * @param command the command
     * @param installedSequence the sequence number of the installed firmware, 0 when unknown
     * @param installer switches the device to a verified image
     * @param sources wraps the image source (the simulator uses it to inject faults); identity for none
     * @return the outcome
     * @throws InterruptedException when interrupted while waiting to retry
     */
    public Outcome handle(
            DeviceClient device,
            DeviceCommand command,
            long installedSequence,
            FirmwareUpdater.Installer installer,
            UnaryOperator<FirmwareUpdater.ImageSource> sources)
            throws InterruptedException {
        Map<String, Object> parameters = parameters(command);
        String campaignId = String.valueOf(parameters.get("campaignId"));
        FirmwareChannel channel = device.firmware();
        FirmwareUpdater updater =
                new FirmwareUpdater(verifier, model, retry, delay -> Thread.sleep(delay.toMillis()), chunkBytes);
        Map<String, Object> manifest = manifestFields(parameters.get("manifest"));
        Outcome outcome;
        try {
            FirmwareManifest installed = updater.update(
                    manifest,
                    installedSequence,
                    sources.apply(channel.images(String.valueOf(parameters.get("image")))),
                    installer,
                    (state, reason) -> report(channel, campaignId, state, reason));
            channel.receipt(campaignId, installed).join();
            outcome = new Outcome(campaignId, installed, null);
        } catch (FirmwareRefusedException e) {
            outcome = new Outcome(campaignId, null, e.error().code());
        } catch (IOException e) {
            outcome = new Outcome(campaignId, null, "FIRMWARE_DOWNLOAD_FAILED");
        }
        ReceiptStatus status = outcome.installed() == null ? ReceiptStatus.FAILED : ReceiptStatus.SUCCEEDED;
        String result = outcome.reason() == null ? "" : outcome.reason();
        device.completeCommand(command, status, result.getBytes(StandardCharsets.UTF_8))
                .join();
        return outcome;
    }

    /** Reports every state but UPDATED, which the receipt sets once the install is done. */
    private static void report(FirmwareChannel channel, String campaignId, FirmwareUpdateState state, String reason) {
        if (state != FirmwareUpdateState.UPDATED && state != FirmwareUpdateState.QUEUED) {
            channel.report(campaignId, state, reason).join();
        }
    }

    /**
     * Returns the manifest's members as {@link org.biotdm.protocol.firmware.FirmwareManifest#fromFields} reads them:
     * integer tokens as {@link BigInteger}, a number with a fraction or exponent kept as its text (then refused).
     */
    private static Map<String, Object> manifestFields(Object manifest) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (manifest instanceof Map<?, ?> members) {
            members.forEach((name, value) -> fields.put(String.valueOf(name), number(value)));
        }
        return fields;
    }

    private static Object number(Object value) {
        if (value instanceof Json.JsonNumber n) {
            return INTEGER.matcher(n.text()).matches() ? new BigInteger(n.text()) : n.text();
        }
        return value;
    }

    private static Map<String, Object> parameters(DeviceCommand command) {
        try {
            return command.parameters() == null
                    ? Map.of()
                    : Json.parseObject(command.parameters().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the default retry policy of image ranges: 5 attempts, from 200 ms.
     *
     * @return the policy
     */
    public static RetryPolicy defaultRetry() {
        return RetryPolicy.builder()
                .maxAttempts(5)
                .initialDelay(Duration.ofMillis(200))
                .build();
    }
}
