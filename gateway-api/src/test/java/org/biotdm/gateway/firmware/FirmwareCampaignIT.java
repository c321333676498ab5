package org.biotdm.gateway.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.command.CommandFixture;
import org.biotdm.gateway.command.DeviceCommand;
import org.biotdm.gateway.command.DeviceCommandsOperations;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DevicePort;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.UserLedgerIdentities;
import org.biotdm.protocol.firmware.FirmwareManifest;
import org.biotdm.protocol.firmware.ImageCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Signed over-the-air updates end to end on the dev network: an Org1 admin registers a firmware-signing key and uploads
 * signed images, which the gateway checks before {@code PublishFirmware}; an operator granted {@code firmware-update}
 * on four real devices runs campaigns; the devices (played by the test over mutual TLS) fetch their command, download
 * the image in byte ranges, check it, report each state and send a signed installation receipt that {@code
 * RecordFirmwareUpdate} puts on the ledger. The tests run in order: each publishes a higher sequence number, which
 * the devices updated by the earlier ones must be able to take.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirmwareCampaignIT implements TestPropertyProvider {
    private static final int IMAGE_BYTES = 40_000;
    private static final int MAX_IMAGE_BYTES = 2 << 20;

    /** Versions and sequence numbers unique to this run, rising in the order the tests publish them. */
    private static final long RUN = System.currentTimeMillis() / 1000 - 1_700_000_000L;

    private final CommandFixture commands = new CommandFixture();
    private final List<DeviceCredentials> devices = new ArrayList<>();

    @Inject
    ApplicationContext context;

    @Inject
    CampaignsClient campaigns;

    @Inject
    FirmwareLedger ledger;

    @Inject
    DeviceRegistry registry;

    private FirmwareFixture firmware;
    private TestUsers.Session admin;
    private TestUsers.Session operator;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(CommandFixture.properties("firmware"));
        properties.put("biotdm.firmware.campaign-tick", "200ms");
        properties.put("biotdm.firmware.max-image-bytes", Integer.toString(MAX_IMAGE_BYTES));
        properties.put("biotdm.firmware.campaign-lease", "2s");
        return properties;
    }

    @BeforeAll
    void signing_key_devices_and_granted_operator() throws Exception {
        commands.start(context);
        firmware = new FirmwareFixture(context);
        admin = TestUsers.create(context, 0, ApiRole.ADMIN);
        HttpResponse<String> key = firmware.post(
                admin, "registerSigningKey", Map.of(), "{\"publicKeyPem\":" + quoted(firmware.signingKeyPem()) + "}");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        for (int i = 0; i < 4; i++) {
            devices.add(commands.activeDevice("ota"));
        }
        operator = commands.grantedOperator(devices.get(0), List.of(CampaignNotifier.COMMAND_TYPE));
        for (DeviceCredentials device : devices.subList(1, devices.size())) {
            commands.grant(operator.user(), device, List.of(CampaignNotifier.COMMAND_TYPE));
        }
    }

    @AfterAll
    void close() {
        commands.close();
    }

    @Test
    @Order(1)
    void refuses_unsigned_tampered_wrongly_signed_wrong_model_and_downgraded_images_before_the_ledger() {
        FirmwareManifest current = publish(1);
        byte[] image = FirmwareFixture.image(IMAGE_BYTES, 99);
        FirmwareManifest next = firmware.manifest(FirmwareFixture.MODEL, version(99), current.sequence() + 1, image);
        byte[] tampered = image.clone();
        tampered[IMAGE_BYTES / 2] ^= 1;
        FirmwareManifest otherModel = firmware.manifest("Org1MSP/other-model", version(98), next.sequence(), image);
        FirmwareManifest older = firmware.manifest(FirmwareFixture.MODEL, version(97), current.sequence() - 1, image);

        assertThat(codeOf(firmware.upload(admin, FirmwareFixture.MODEL, next.withSignature(null), image)))
                .isEqualTo("400 FIRMWARE_UNSIGNED");
        assertThat(codeOf(firmware.upload(admin, FirmwareFixture.MODEL, next, tampered)))
                .isEqualTo("400 FIRMWARE_IMAGE_HASH_MISMATCH");
        assertThat(codeOf(firmware.upload(admin, FirmwareFixture.MODEL, next, Arrays.copyOf(image, 100))))
                .isEqualTo("400 FIRMWARE_IMAGE_SIZE_MISMATCH");
        assertThat(codeOf(firmware.upload(admin, FirmwareFixture.MODEL, firmware.signedByAnotherKey(next), image)))
                .isEqualTo("400 FIRMWARE_SIGNATURE_INVALID");
        assertThat(codeOf(firmware.upload(admin, FirmwareFixture.MODEL, otherModel, image)))
                .isEqualTo("409 FIRMWARE_MODEL_MISMATCH");
        assertThat(codeOf(firmware.upload(admin, FirmwareFixture.MODEL, older, image)))
                .isEqualTo("409 FIRMWARE_DOWNGRADE");
        assertThat(codeOf(firmware.upload(admin, FirmwareFixture.MODEL, "bm90IGpzb24=", image)))
                .isEqualTo("400 FIRMWARE_MANIFEST_INVALID");
        for (String version : List.of(version(99), version(98), version(97))) {
            assertThat(onLedger("Org1MSP/other-model", version)).isFalse();
            assertThat(onLedger(FirmwareFixture.MODEL, version)).isFalse();
        }
    }

    @Test
    @Order(2)
    void a_staged_campaign_updates_its_first_stage_then_the_rest_and_records_every_receipt_on_the_ledger()
            throws Exception {
        FirmwareManifest manifest = publish(2);
        String id = "c-staged-" + RUN;
        campaigns.create(operator.caller(), FirmwareFixture.campaign(id, manifest.version(), ids(), 600, 50, 50, 2));

        List<CampaignDeviceRow> first = awaitStates(id, 2, UpdateState.NOTIFIED);
        Thread.sleep(1_000);
        assertThat(states(id))
                .filteredOn(d -> d.stage() == 2)
                .extracting(CampaignDeviceRow::state)
                .containsOnly(UpdateState.QUEUED);
        for (CampaignDeviceRow row : first) {
            assertThat(row.stage()).isEqualTo(1);
            update(id, device(row.deviceId()), manifest);
        }
        for (CampaignDeviceRow row : awaitStates(id, 2, UpdateState.NOTIFIED)) {
            update(id, device(row.deviceId()), manifest);
        }

        CampaignResponse done = awaitCampaign(id, CampaignState.COMPLETED);
        assertThat(done.counts()).containsEntry(UpdateState.UPDATED, 4).containsEntry(UpdateState.FAILED, 0);
        assertThat(states(id)).allSatisfy(d -> assertThat(d.updateTxId()).hasSize(64));
        for (DeviceCredentials device : devices) {
            CommandFixture.await(() -> manifest.version().equals(firmwareOf(device)));
            assertThat(firmwareOf(device)).isEqualTo(manifest.version());
        }
    }

    @Test
    @Order(3)
    void aborts_once_failures_pass_the_threshold_and_leaves_queued_devices_on_their_firmware() throws Exception {
        FirmwareManifest manifest = publish(3);
        String id = "c-abort-" + RUN;
        campaigns.create(operator.caller(), FirmwareFixture.campaign(id, manifest.version(), ids(), 30, 100, 20, 2));

        for (int failed = 0; failed < 2; failed++) {
            CampaignDeviceRow notified =
                    awaitStates(id, 1, UpdateState.NOTIFIED).get(0);
            firmware.device(device(notified.deviceId()))
                    .progress(new ProgressRequest(id, "FAILED", "FIRMWARE_SIGNATURE_INVALID"));
        }

        CampaignResponse aborted = awaitCampaign(id, CampaignState.ABORTED);
        assertThat(aborted.endReason()).startsWith("abort threshold passed: 2 of 2 failed");
        assertThat(aborted.counts()).containsEntry(UpdateState.FAILED, 2).containsEntry(UpdateState.QUEUED, 2);
        CampaignDeviceRow failed = states(id).stream()
                .filter(d -> d.state() == UpdateState.FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.reason()).isEqualTo("FIRMWARE_SIGNATURE_INVALID");
        assertThat(firmware.download(device(failed.deviceId()), manifest.sha256(), null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(4)
    void revoking_the_firmware_aborts_its_campaign_and_stops_serving_the_image() throws Exception {
        FirmwareManifest manifest = publish(4);
        String id = "c-revoked-" + RUN;
        campaigns.create(operator.caller(), FirmwareFixture.campaign(id, manifest.version(), ids(), 600, 100, 50, 4));
        CampaignDeviceRow notified = awaitStates(id, 4, UpdateState.NOTIFIED).get(0);
        DeviceCredentials device = device(notified.deviceId());
        assertThat(firmware.download(device, manifest.sha256(), "bytes=0-9").statusCode())
                .isEqualTo(206);

        HttpResponse<String> revoked = firmware.post(
                admin,
                "revoke",
                Map.of(),
                "{\"model\":\"" + manifest.model() + "\",\"version\":\"" + manifest.version()
                        + "\",\"reason\":\"key compromise drill\"}");

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        CampaignResponse stopped = campaigns.get(operator.caller(), id);
        assertThat(stopped.state()).isEqualTo(CampaignState.ABORTED);
        assertThat(stopped.endReason()).startsWith("FIRMWARE_REVOKED");
        assertThat(states(id)).extracting(CampaignDeviceRow::reason).containsOnly("FIRMWARE_REVOKED");
        assertThat(firmware.download(device, manifest.sha256(), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(5)
    void a_notified_device_that_never_reports_fails_with_timeout_and_counts_toward_the_threshold() throws Exception {
        FirmwareManifest manifest = publish(5);
        String id = "c-silent-" + RUN;
        CreateCampaignRequest request = FirmwareFixture.campaign(id, manifest.version(), ids(), 6000, 100, 20, 2);
        campaigns.create(operator.caller(), withDeviceTimeout(request, 2));
        CampaignDeviceRow silent = awaitStates(id, 1, UpdateState.NOTIFIED).get(0);

        CampaignResponse aborted = awaitCampaign(id, CampaignState.ABORTED);

        assertThat(aborted.deviceTimeoutSeconds()).isEqualTo(2);
        assertThat(aborted.endReason()).startsWith("abort threshold passed");
        assertThat(aborted.counts().get(UpdateState.FAILED)).isGreaterThanOrEqualTo(2);
        assertThat(states(id))
                .filteredOn(d -> d.state() == UpdateState.FAILED)
                .extracting(CampaignDeviceRow::reason)
                .containsOnly("FIRMWARE_UPDATE_TIMEOUT");
        assertThat(states(id))
                .filteredOn(d -> d.deviceId().equals(silent.deviceId()))
                .extracting(CampaignDeviceRow::state)
                .containsExactly(UpdateState.FAILED);
        assertThat(firmware.download(device(silent.deviceId()), manifest.sha256(), null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(6)
    void an_upload_below_a_sequence_published_straight_through_the_chaincode_is_a_downgrade() throws Exception {
        byte[] image = FirmwareFixture.image(IMAGE_BYTES, 7);
        FirmwareManifest elsewhere = firmware.manifest(FirmwareFixture.MODEL, version(7), sequence(7), image);
        ledger.publish(context.getBean(UserLedgerIdentities.class).identityOf(admin.user()), elsewhere);
        FirmwareManifest lower = firmware.manifest(FirmwareFixture.MODEL, version(6), sequence(6), image);

        assertThat(codeOf(firmware.upload(admin, FirmwareFixture.MODEL, lower, image)))
                .isEqualTo("409 FIRMWARE_DOWNGRADE");
        assertThat(onLedger(FirmwareFixture.MODEL, version(6))).isFalse();
    }

    @Test
    @Order(7)
    void the_upload_route_takes_bodies_over_the_request_size_limit_up_to_the_image_limit() {
        byte[] large = FirmwareFixture.image(3 << 19, 8);
        FirmwareManifest accepted = firmware.manifest(FirmwareFixture.MODEL, version(8), sequence(8), large);
        byte[] tooLarge = FirmwareFixture.image(MAX_IMAGE_BYTES + 1, 9);
        FirmwareManifest refused = firmware.manifest(FirmwareFixture.MODEL, version(9), sequence(9), tooLarge);

        assertThat(firmware.upload(admin, FirmwareFixture.MODEL, accepted, large)
                        .statusCode())
                .isEqualTo(201);
        assertThat(codeOf(firmware.upload(admin, FirmwareFixture.MODEL, refused, tooLarge)))
                .isEqualTo("413 FIRMWARE_IMAGE_TOO_LARGE");
        assertThat(onLedger(FirmwareFixture.MODEL, version(9))).isFalse();
    }

    @Test
    @Order(8)
    void of_two_schedulers_on_one_database_only_the_lease_holder_runs_until_its_lease_expires() throws Exception {
        String lease = "test-" + RUN;
        CampaignScheduler first = scheduler(lease, "instance-a");
        CampaignScheduler second = scheduler(lease, "instance-b");

        assertThat(first.runOnce()).isTrue();
        assertThat(second.runOnce()).isFalse();
        assertThat(first.runOnce()).isTrue();
        Thread.sleep(2_500);
        assertThat(second.runOnce()).isTrue();
        assertThat(first.runOnce()).isFalse();
        second.close();
        assertThat(first.runOnce()).isTrue();
    }

    private CampaignScheduler scheduler(String lease, String holder) {
        return new CampaignScheduler(
                context.getBean(FirmwareConfiguration.class),
                context.getBean(Campaigns.class),
                context.getBean(CampaignStops.class),
                context.getBean(CampaignNotifier.class),
                ledger,
                new CampaignLease(context.getBean(FirmwareJdbc.class), lease, holder, 2_000));
    }

    private static CreateCampaignRequest withDeviceTimeout(CreateCampaignRequest r, int seconds) {
        return new CreateCampaignRequest(
                r.campaignId(),
                r.model(),
                r.version(),
                r.target(),
                r.deviceIds(),
                r.group(),
                r.ratePerMinute(),
                r.firstStagePercent(),
                r.abortThresholdPercent(),
                r.abortMinDevices(),
                seconds);
    }

    /** Plays one device's update: command, range downloads, hash, state reports, signed receipt. */
    private void update(String campaignId, DeviceCredentials device, FirmwareManifest published) throws Exception {
        DeviceCommand command =
                DevicePort.as(device, context)
                        .client(DeviceCommandsOperations.class)
                        .poll(0L)
                        .join()
                        .commands()
                        .stream()
                        .filter(c -> c.commandType().equals(CampaignNotifier.COMMAND_TYPE))
                        .filter(c -> campaignId.equals(
                                firmware.read(firmware.json(c.parameters())).get("campaignId")))
                        .findFirst()
                        .orElseThrow();
        Map<String, Object> parameters = firmware.read(firmware.json(command.parameters()));
        @SuppressWarnings("unchecked")
        FirmwareManifest manifest = FirmwareManifest.fromFields((Map<String, Object>) parameters.get("manifest"));
        assertThat(manifest).isEqualTo(published);
        assertThat(parameters.get("image")).isEqualTo(DeviceFirmwareOperations.IMAGE_PATH + manifest.sha256());

        DeviceFirmwareOperations port = firmware.device(device);
        port.progress(new ProgressRequest(campaignId, "DOWNLOADING", null));
        ImageCheck check = new ImageCheck(manifest);
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        int half = IMAGE_BYTES / 2;
        for (String range : List.of("bytes=0-" + (half - 1), "bytes=" + half + "-")) {
            HttpResponse<byte[]> chunk = firmware.download(device, manifest.sha256(), range);
            assertThat(chunk.statusCode()).isEqualTo(206);
            assertThat(chunk.headers().firstValue("Content-Range"))
                    .hasValueSatisfying(v -> assertThat(v).endsWith("/" + IMAGE_BYTES));
            check.update(chunk.body(), 0, chunk.body().length);
            image.write(chunk.body());
        }
        check.finish();
        assertThat(image.toByteArray()).isEqualTo(FirmwareFixture.image(IMAGE_BYTES, (int) manifest.sequence()));
        for (String state : List.of("DOWNLOADED", "VERIFIED", "UPDATING")) {
            port.progress(new ProgressRequest(campaignId, state, null));
        }
        CampaignDeviceRow updated = port.receipt(FirmwareFixture.receipt(campaignId, device, manifest));
        assertThat(updated.state()).isEqualTo(UpdateState.UPDATED);
    }

    private FirmwareManifest publish(int n) {
        byte[] image = FirmwareFixture.image(IMAGE_BYTES, (int) sequence(n));
        FirmwareManifest manifest = firmware.manifest(FirmwareFixture.MODEL, version(n), sequence(n), image);
        HttpResponse<String> response = firmware.upload(admin, FirmwareFixture.MODEL, manifest, image);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(onLedger(FirmwareFixture.MODEL, manifest.version())).isTrue();
        return manifest;
    }

    private static String version(int n) {
        return "2." + RUN + "." + n;
    }

    private static long sequence(int n) {
        return RUN * 10 + n;
    }

    private boolean onLedger(String model, String version) {
        try {
            return ledger.get(model, version).isPresent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String firmwareOf(DeviceCredentials device) {
        return registry.revalidate(device.deviceId())
                .map(d -> d.firmwareVersion())
                .orElse(null);
    }

    private List<String> ids() {
        return devices.stream().map(DeviceCredentials::deviceId).toList();
    }

    private DeviceCredentials device(String deviceId) {
        return devices.stream()
                .filter(d -> d.deviceId().equals(deviceId))
                .findFirst()
                .orElseThrow();
    }

    private List<CampaignDeviceRow> states(String campaignId) {
        return campaigns.devices(operator.caller(), campaignId, null, null);
    }

    /** Waits until at least {@code count} devices are in {@code state}; returns them. */
    private List<CampaignDeviceRow> awaitStates(String campaignId, int count, UpdateState state) throws Exception {
        CommandFixture.await(() -> inState(campaignId, state).size() >= count);
        List<CampaignDeviceRow> found = inState(campaignId, state);
        assertThat(found).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    private List<CampaignDeviceRow> inState(String campaignId, UpdateState state) {
        return states(campaignId).stream().filter(d -> d.state() == state).toList();
    }

    private CampaignResponse awaitCampaign(String campaignId, CampaignState state) throws Exception {
        CommandFixture.await(() -> campaigns.get(operator.caller(), campaignId).state() == state);
        CampaignResponse campaign = campaigns.get(operator.caller(), campaignId);
        assertThat(campaign.state()).isEqualTo(state);
        return campaign;
    }

    private static String codeOf(HttpResponse<String> response) {
        return ApiError.from(response).statusAndCode();
    }

    private String quoted(String text) {
        return firmware.json(text);
    }
}
