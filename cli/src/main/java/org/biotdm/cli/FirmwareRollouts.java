package org.biotdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.device.sdk.DeviceKeys;
import org.biotdm.device.sdk.FirmwareCommandHandler;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.ManifestVerifier;
import org.biotdm.protocol.firmware.SigningKey;
import org.biotdm.protocol.signature.EcdsaP256;

/**
 * Signed firmware through the people's API, for {@code demo} and {@code bench ota} (docs/ota.md): registers a fresh
 * firmware-signing key as the manufacturer's admin, signs and uploads images ({@code POST /api/v1/firmware}, the raw
 * image with its {@code biotdm-firmware-manifest-v1} in the {@code Firmware-Manifest} header), starts campaigns on a
 * device group as the operator and waits for them to end.
 */
public final class FirmwareRollouts {
    /** Bytes the simulated devices ask for in one {@code Range} request. */
    public static final int CHUNK_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAMPAIGNS = "/api/v1/firmware/campaigns";
    private static final int DEVICE_PAGE = 500;

    private final ApiClient api;
    private final DeviceKeys signingKey = DeviceKeys.generate();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Creates the helper with a new P-256 firmware-signing key.
     *
     * @param api the gateway's people API
     */
    public FirmwareRollouts(ApiClient api) {
        this.api = api;
    }

    /**
     * Registers the signing key on the ledger ({@code POST /api/v1/firmware/signing-keys}).
     *
     * @param adminToken the manufacturer admin's access token
     * @throws ApiClient.ApiError when the gateway refuses it
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public void registerKey(String adminToken) throws IOException, InterruptedException {
        api.post("/api/v1/firmware/signing-keys", Map.of("publicKeyPem", signingKey.publicKeyPem()), adminToken);
    }

    /**
     * Returns the device side: a command handler that trusts this key only, for devices of one model.
     *
     * @param manufacturerMsp the manufacturer's MSP ID
     * @param model the devices' model, {@code <MSP ID>/<name>}
     * @return the handler, downloading {@value #CHUNK_BYTES} bytes a range
     */
    public FirmwareCommandHandler handler(String manufacturerMsp, String model) {
        return new FirmwareCommandHandler(
                new ManifestVerifier(List.of(SigningKey.fromPem(manufacturerMsp, signingKey.publicKeyPem()))),
                model,
                FirmwareCommandHandler.defaultRetry(),
                CHUNK_BYTES);
    }

    /**
     * Signs a manifest for an image and uploads both.
     *
     * @param adminToken the manufacturer admin's access token
     * @param model the model
     * @param version the SemVer version
     * @param sequence the anti-rollback sequence number, higher than every published one
     * @param image the image
     * @return the published manifest
     * @throws IOException when the upload is refused or the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public FirmwareManifest publish(String adminToken, String model, String version, long sequence, byte[] image)
            throws IOException, InterruptedException {
        FirmwareManifest unsigned = new FirmwareManifest(
                model,
                version,
                sequence,
                image.length,
                HexFormat.of().formatHex(EcdsaP256.sha256(image)),
                SigningKey.keyId(signingKey.publicKeyPem()),
                null);
        FirmwareManifest manifest =
                unsigned.withSignature(Base64.getEncoder().encodeToString(signingKey.sign(unsigned.bytes())));
        HttpRequest request = HttpRequest.newBuilder(api.base()
                        .resolve("/api/v1/firmware?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/octet-stream")
                .header(
                        "Firmware-Manifest",
                        Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(manifest.toFields())))
                .POST(HttpRequest.BodyPublishers.ofByteArray(image))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IOException("The upload was refused: " + response.statusCode() + " " + response.body());
        }
        return manifest;
    }

    /**
     * Builds a campaign on the devices of a group that run the model.
     *
     * @param campaignId the campaign ID
     * @param manifest the published firmware
     * @param group the device group
     * @param ratePerMinute devices notified per minute
     * @param firstStagePercent the first stage's share, 1–100
     * @param abortThresholdPercent the failure share that aborts it, 0–100
     * @param abortMinDevices finished devices before the threshold applies
     * @return the body of {@code POST /api/v1/firmware/campaigns}
     */
    public static Map<String, Object> groupCampaign(
            String campaignId,
            FirmwareManifest manifest,
            String group,
            int ratePerMinute,
            int firstStagePercent,
            int abortThresholdPercent,
            int abortMinDevices) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("campaignId", campaignId);
        request.put("model", manifest.model());
        request.put("version", manifest.version());
        request.put("target", "GROUP");
        request.put("group", group);
        request.put("ratePerMinute", ratePerMinute);
        request.put("firstStagePercent", firstStagePercent);
        request.put("abortThresholdPercent", abortThresholdPercent);
        request.put("abortMinDevices", abortMinDevices);
        return request;
    }

    /**
     * Starts a campaign and waits until it is no longer RUNNING or PAUSED, or the time is up.
     *
     * @param operatorToken the operator's access token (granted {@code firmware-update} on the devices)
     * @param request the campaign
     * @param timeout the longest wait
     * @param progress ticks while waiting
     * @return the campaign as {@code GET /api/v1/firmware/campaigns/{id}} last returned it
     * @throws ApiClient.ApiError when the gateway refuses the campaign
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public JsonNode run(String operatorToken, Map<String, Object> request, Duration timeout, Progress progress)
            throws IOException, InterruptedException {
        api.post(CAMPAIGNS, request, operatorToken);
        String path = CAMPAIGNS + "/" + request.get("campaignId");
        long end = System.nanoTime() + timeout.toNanos();
        JsonNode campaign = api.get(path, Map.of(), operatorToken);
        while (campaign.path("state").asText().matches("RUNNING|PAUSED") && System.nanoTime() < end) {
            Thread.sleep(500);
            campaign = api.get(path, Map.of(), operatorToken);
            progress.tick();
        }
        return campaign;
    }

    /**
     * Lists a campaign's devices ({@code GET /api/v1/firmware/campaigns/{id}/devices}), every page.
     *
     * @param token an access token that may see the campaign
     * @param campaignId the campaign
     * @return each device's row: {@code deviceId}, {@code stage}, {@code state}, {@code reason}, {@code updateTxId} …
     * @throws IOException when the gateway cannot be reached or refuses
     * @throws InterruptedException when interrupted
     */
    public List<JsonNode> devices(String token, String campaignId) throws IOException, InterruptedException {
        List<JsonNode> rows = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", Integer.toString(DEVICE_PAGE));
        while (true) {
            JsonNode page = api.get(CAMPAIGNS + "/" + campaignId + "/devices", query, token);
            page.forEach(rows::add);
            if (page.size() < DEVICE_PAGE) {
                return rows;
            }
            query.put("after", page.get(page.size() - 1).path("position").asText());
        }
    }
}
