package org.biotdm.device.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.FirmwareReceipt;

/**
 * A device's side of the gateway's firmware routes on the device port ({@code DeviceFirmwareOperations}): byte ranges
 * of the image a {@code firmware-update} command names ({@code GET <image>} with {@code Range}, RFC 9110 §14), state
 * reports ({@code POST /device/v1/firmware/progress}) and the signed installation receipt ({@code POST
 * /device/v1/firmware/receipt}, {@code biotdm-firmware-receipt-v1}). Thread-safe.
 */
public final class FirmwareChannel {
    private final DeviceTransport transport;
    private final DeviceKeys keys;
    private final String deviceId;
    private final Duration timeout;

    /**
     * Creates the channel.
     *
     * @param transport the device's connection to the device port
     * @param keys the device's key, which signs the receipt
     * @param deviceId the device ID
     * @param timeout how long one request may take
     */
    public FirmwareChannel(DeviceTransport transport, DeviceKeys keys, String deviceId, Duration timeout) {
        this.transport = transport;
        this.keys = keys;
        this.deviceId = deviceId;
        this.timeout = timeout;
    }

    /**
     * Returns the source of an image's chunks for {@link FirmwareUpdater}: each read is one {@code Range} request.
     *
     * @param imagePath the image's path on the device port (the command's {@code image} parameter)
     * @return the source; a read blocks, and fails with an {@link IOException} on no answer or a status other than 206
     */
    public FirmwareUpdater.ImageSource images(String imagePath) {
        return (offset, length) -> {
            String range = "bytes=" + offset + "-" + (offset + length - 1);
            DeviceResponse response = await(
                    transport.exchange(new DeviceRequest("GET", imagePath, null, timeout, Map.of("Range", range))));
            if (response.status() != 206) {
                throw new IOException("the image range " + range + " was answered " + response.status());
            }
            return response.body();
        };
    }

    /**
     * Reports a state.
     *
     * @param campaignId the campaign of the command
     * @param state the state, not {@code QUEUED} or {@code UPDATED} (which the receipt sets)
     * @param reason the catalogue code of a {@code FAILED} update, otherwise null
     * @return completed with the answer; exceptionally with a {@link DeviceApiException} on a refusal
     */
    public CompletableFuture<Void> report(String campaignId, FirmwareUpdateState state, String reason) {
        String body = "{\"campaignId\":\"" + campaignId + "\",\"state\":\"" + state.name() + "\""
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
        return post("/device/v1/firmware/progress", body);
    }

    /**
     * Sends the installation receipt of the firmware the device now runs.
     *
     * @param campaignId the campaign of the command
     * @param installed the installed manifest
     * @return completed once the gateway recorded it on the ledger; exceptionally with a {@link DeviceApiException}
     */
    public CompletableFuture<Void> receipt(String campaignId, FirmwareManifest installed) {
        byte[] signature = keys.sign(FirmwareReceipt.of(deviceId, installed).bytes());
        String body = "{\"campaignId\":\"" + campaignId + "\",\"signature\":\""
                + Base64.getEncoder().encodeToString(signature) + "\"}";
        return post("/device/v1/firmware/receipt", body);
    }

    private CompletableFuture<Void> post(String path, String body) {
        return transport
                .exchange(new DeviceRequest("POST", path, body.getBytes(StandardCharsets.UTF_8), timeout))
                .thenApply(response -> {
                    if (response.status() / 100 != 2) {
                        throw DeviceApiException.from(response);
                    }
                    return null;
                });
    }

    private DeviceResponse await(CompletableFuture<DeviceResponse> answer) throws IOException {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("no answer for an image range", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
