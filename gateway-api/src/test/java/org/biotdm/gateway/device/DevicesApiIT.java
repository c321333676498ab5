package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.gateway.device.DevicesApiFixture.code;
import static org.biotdm.gateway.device.DevicesApiFixture.json;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.biotdm.gateway.audit.AuditClient;
import org.biotdm.gateway.audit.AuditLedger;
import org.biotdm.gateway.audit.BlockSummary;
import org.biotdm.gateway.audit.ChainInfoResponse;
import org.biotdm.gateway.audit.LedgerAuditEntry;
import org.biotdm.gateway.audit.TransactionSummary;
import org.biotdm.gateway.grant.GrantChangeResponse;
import org.biotdm.gateway.grant.GrantClient;
import org.biotdm.gateway.grant.GrantRequest;
import org.biotdm.gateway.grant.RevokeGrantRequest;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.provisioning.DeviceCa;
import org.biotdm.gateway.provisioning.TestCsrs;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The devices, grants and audit APIs end to end on the dev network and MariaDB, with people created through the
 * production user path (each with their own Fabric identity): Org1's admin, auditor and operators, Org2's admin and an
 * Org2 operator.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevicesApiIT implements TestPropertyProvider {
    private static final long FAR_FUTURE = 4_102_444_800_000L;

    private final DevicesApiFixture fixture = new DevicesApiFixture();

    @Inject
    ApplicationContext context;

    @Inject
    DeviceLedger ledger;

    @Inject
    DeviceCa ca;

    @Inject
    DeviceAdminClient devices;

    @Inject
    GrantClient grants;

    @Inject
    AuditClient audit;

    private TestUsers.Session admin;
    private TestUsers.Session auditor;
    private TestUsers.Session operator;
    private TestUsers.Session otherAdmin;
    private TestUsers.Session otherOperator;

    @Override
    public Map<String, String> getProperties() {
        return DevicesApiFixture.properties("devices_api");
    }

    @BeforeAll
    void people() {
        fixture.start(context);
        admin = TestUsers.create(context, 0, ApiRole.ADMIN);
        auditor = TestUsers.create(context, 0, ApiRole.AUDITOR);
        operator = TestUsers.create(context, 0, ApiRole.OPERATOR);
        otherAdmin = TestUsers.create(context, 1, ApiRole.ADMIN);
        otherOperator = TestUsers.create(context, 1, ApiRole.OPERATOR);
    }

    @AfterAll
    void close() {
        fixture.close();
    }

    private HttpResponse<String> call(String method, String path, TestUsers.Session person, String body)
            throws Exception {
        return fixture.api(method, path, person, body);
    }

    private static GrantRequest toOperator(TestUsers.Session person, String deviceId, long expiresAt) {
        return new GrantRequest(null, person.user().username(), null, deviceId, null, List.of("reboot"), expiresAt);
    }

    private String grant(GrantRequest request) {
        var granted = grants.grant(admin.caller(), request);
        assertThat(granted.code()).isEqualTo(201);
        return granted.body().grant().grantId();
    }

    private static int status(ThrowingCallable call) {
        return ApiError.of(call).status();
    }

    private static String registration(String deviceId, String extra) {
        return "{\"deviceId\":\"" + deviceId + "\",\"deviceType\":\"env-sensor\",\"model\":\"Org1MSP/env-sensor\","
                + "\"firmwareVersion\":\"1.0.0\",\"group\":\"field\"" + extra + "}";
    }

    @Nested
    class Devices {
        @Test
        void registration_returns_a_one_time_claim_token_that_provisions_the_device() throws Exception {
            String deviceId = "api-reg-" + System.nanoTime();
            long expiry = System.currentTimeMillis() + 3_600_000;

            HttpResponse<String> registered = call(
                    "POST", "/api/v1/devices", admin, registration(deviceId, ",\"claimTokenExpiresAt\":" + expiry));

            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            Map<String, Object> body = json(registered.body());
            String token = String.valueOf(body.get("claimToken"));
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(String.valueOf(body.get("transactionId"))).matches("[0-9a-f]{64}");
            LedgerDevice onChain = ledger.getDevice(deviceId).orElseThrow();
            assertThat(onChain.ownerMsp()).isEqualTo("Org1MSP");
            assertThat(onChain.claimTokenSha256())
                    .isEqualTo(DevnetAdmin.sha256Hex(token.getBytes(StandardCharsets.UTF_8)));
            assertThat(onChain.metadata()).containsEntry("claimTokenExpiresAt", Long.toString(expiry));
            assertThat(onChain.updatedBy()).isEqualTo(admin.user().fabricId());

            KeyPair keys = TestCsrs.p256();
            String provision = "{\"deviceId\":\"" + deviceId + "\",\"claimToken\":\"" + token + "\",\"csr\":"
                    + io.micronaut.serde.ObjectMapper.getDefault()
                            .writeValueAsString(TestCsrs.csr(keys, "CN=" + deviceId))
                    + "}";
            HttpResponse<String> provisioned = fixture.device(null, "POST", "/device/v1/provision", provision);
            assertThat(provisioned.statusCode()).as(provisioned.body()).isEqualTo(200);

            HttpResponse<String> read = call("GET", "/api/v1/devices/" + deviceId, admin, null);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            Map<String, Object> device = (Map<String, Object>) json(read.body()).get("device");
            assertThat(device).containsEntry("status", "ACTIVE");
            assertThat(json(read.body())).containsEntry("firmwareVersion", "1.0.0");
            assertThat(json(read.body()).get("lastSeenAt")).isNull();
        }

        @Test
        void lifecycle_changes_are_signed_by_the_admin_and_ledger_errors_keep_their_codes() throws Exception {
            String deviceId = fixture.activeDevice(0, "api-life").deviceId();
            String path = "/api/v1/devices/" + deviceId;

            HttpResponse<String> noReason = call("POST", path + "/suspend", admin, "{}");
            assertThat(noReason.statusCode()).isEqualTo(400);
            assertThat(code(noReason)).isEqualTo("INVALID_ARGUMENT");

            HttpResponse<String> suspended = call("POST", path + "/suspend", admin, "{\"reason\":\"maintenance\"}");
            assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(200);
            assertThat(json(suspended.body()))
                    .extractingByKey("device")
                    .asString()
                    .contains("SUSPENDED");

            HttpResponse<String> again = call("POST", path + "/suspend", admin, "{\"reason\":\"again\"}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(code(again)).isEqualTo("DEVICE_INVALID_TRANSITION");

            HttpResponse<String> reactivated = call("POST", path + "/reactivate", admin, null);
            assertThat(reactivated.statusCode()).as(reactivated.body()).isEqualTo(200);
            String transactionId = String.valueOf(json(reactivated.body()).get("transactionId"));

            HttpResponse<String> history = call("GET", path + "/history", auditor, null);
            assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
            List<Map<String, Object>> entries = io.micronaut.serde.ObjectMapper.getDefault()
                    .readValue(history.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
            assertThat(entries.get(0))
                    .containsEntry("txId", transactionId)
                    .containsEntry("actorId", admin.user().fabricId())
                    .containsEntry("actorMsp", "Org1MSP");
            assertThat(entries).hasSize(4);
        }

        @Test
        void auditors_read_but_never_write() throws Exception {
            String deviceId = fixture.activeDevice(0, "api-aud").deviceId();

            assertThat(call("GET", "/api/v1/devices/" + deviceId, auditor, null).statusCode())
                    .isEqualTo(200);
            assertThat(call("POST", "/api/v1/devices/" + deviceId + "/suspend", auditor, "{\"reason\":\"x\"}")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(call("POST", "/api/v1/devices", auditor, registration("api-aud-new-" + System.nanoTime(), ""))
                            .statusCode())
                    .isEqualTo(403);
            assertThat(ledger.getDevice(deviceId).orElseThrow().status().name()).isEqualTo("ACTIVE");
        }

        @Test
        void another_organisations_admin_gets_device_access_denied_and_changes_nothing() throws Exception {
            String deviceId = fixture.activeDevice(0, "api-cross").deviceId();

            for (String[] request : new String[][] {
                {"GET", "/api/v1/devices/" + deviceId, null},
                {"GET", "/api/v1/devices/" + deviceId + "/history", null},
                {"POST", "/api/v1/devices/" + deviceId + "/suspend", "{\"reason\":\"hostile\"}"},
                {"POST", "/api/v1/devices/" + deviceId + "/rotate-key", null}
            }) {
                HttpResponse<String> refused = call(request[0], request[1], otherAdmin, request[2]);
                assertThat(refused.statusCode()).as(request[1]).isEqualTo(403);
                assertThat(code(refused)).isEqualTo("DEVICE_ACCESS_DENIED");
            }
            assertThat(ledger.getDevice(deviceId).orElseThrow().status().name()).isEqualTo("ACTIVE");
        }

        @Test
        void list_filters_and_pages_within_the_callers_organisation() throws Exception {
            String prefix = "api-list" + System.nanoTime();
            for (int i = 0; i < 3; i++) {
                fixture.activeDevice(0, prefix);
            }
            String query = "/api/v1/devices?idPrefix=" + prefix + "&status=ACTIVE&pageSize=2";
            DevicesApiFixture.await(() -> {
                try {
                    return call("GET", "/api/v1/devices?idPrefix=" + prefix, admin, null)
                                    .body()
                                    .split("\"deviceId\"", -1)
                                    .length
                            == 4;
                } catch (Exception e) {
                    return false;
                }
            });

            Map<String, Object> first = json(call("GET", query, admin, null).body());
            assertThat((List<?>) first.get("items")).hasSize(2);
            assertThat(first.get("nextCursor")).isNotNull();
            Map<String, Object> second = json(call("GET", query + "&cursor=" + first.get("nextCursor"), auditor, null)
                    .body());
            assertThat((List<?>) second.get("items")).hasSize(1);
            assertThat(second.get("nextCursor")).isNull();

            assertThat((List<?>) json(call("GET", "/api/v1/devices?idPrefix=" + prefix, otherAdmin, null)
                                    .body())
                            .get("items"))
                    .isEmpty();
            assertThat((List<?>) json(call("GET", "/api/v1/devices?idPrefix=" + prefix, operator, null)
                                    .body())
                            .get("items"))
                    .as("an operator without grants")
                    .isEmpty();

            HttpResponse<String> injected =
                    call("GET", "/api/v1/devices?group=lab%27%20OR%20%271%27%3D%271", admin, null);
            assertThat(injected.statusCode()).isEqualTo(400);
            assertThat(code(injected)).isEqualTo("INVALID_ARGUMENT");
            assertThat(call("GET", "/api/v1/devices?pageSize=100000", admin, null)
                            .statusCode())
                    .isEqualTo(400);
        }

        @Test
        void unknown_device_is_404_and_unknown_fields_are_400() throws Exception {
            HttpResponse<String> unknown =
                    call("GET", "/api/v1/devices/no-such-device-" + System.nanoTime(), admin, null);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(code(unknown)).isEqualTo("DEVICE_NOT_FOUND");

            String deviceId = "api-unknown-field-" + System.nanoTime();
            HttpResponse<String> refused =
                    call("POST", "/api/v1/devices", admin, registration(deviceId, ",\"ownerMsp\":\"Org2MSP\""));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(ledger.getDevice(deviceId)).isEmpty();
        }
    }

    @Nested
    class Grants {
        @Test
        void operator_sees_only_granted_devices_until_the_grant_is_revoked() throws Exception {
            String granted = fixture.activeDevice(0, "api-grant").deviceId();
            String other = fixture.activeDevice(0, "api-nogrant").deviceId();
            assertThat(status(() -> devices.get(operator.caller(), granted))).isEqualTo(403);

            String grantId = grant(toOperator(operator, granted, FAR_FUTURE));

            assertThat(devices.get(operator.caller(), granted).device().deviceId())
                    .isEqualTo(granted);
            ApiError notGranted = ApiError.of(() -> devices.get(operator.caller(), other));
            assertThat(notGranted.status()).isEqualTo(403);
            assertThat(notGranted.code()).isEqualTo("DEVICE_ACCESS_DENIED");
            DevicesApiFixture.await(() -> devices.list(operator.caller(), null, null, null, "api-grant", null, null)
                    .toString()
                    .contains(granted));
            DeviceListResponse listed = devices.list(operator.caller(), null, null, null, null, null, null);
            assertThat(listed.toString()).contains(granted).doesNotContain(other);
            assertThat(grants.get(operator.caller(), grantId).grantId()).isEqualTo(grantId);
            assertThat(grants.list(auditor.caller(), granted, null, null, null).toString())
                    .contains(grantId);

            GrantChangeResponse revoked = grants.revoke(admin.caller(), grantId, new RevokeGrantRequest("shift over"));
            assertThat(revoked.grant().status()).isEqualTo("REVOKED");
            assertThat(status(() -> devices.get(operator.caller(), granted))).isEqualTo(403);
            ApiError twice = ApiError.of(() -> grants.revoke(admin.caller(), grantId, null));
            assertThat(twice.status()).isEqualTo(409);
            assertThat(twice.code()).isEqualTo("GRANT_REVOKED");
        }

        @Test
        void group_grant_to_every_operator_of_an_msp_covers_until_it_expires() throws Exception {
            String group = "crew" + System.nanoTime() % 1_000_000;
            String deviceId = "api-group-" + System.nanoTime();
            var registered = devices.register(
                    admin.caller(),
                    new RegisterDeviceRequest(
                            deviceId, "env-sensor", "Org1MSP/env-sensor", "1.0.0", group, null, null));
            assertThat(registered.code()).isEqualTo(201);
            long expiresAt = System.currentTimeMillis() + 4000;

            grant(new GrantRequest(null, null, "Org2MSP", null, group, List.of("reboot"), expiresAt));

            assertThat(devices.get(otherOperator.caller(), deviceId).device().deviceId())
                    .as("an Org2 operator on an Org1 device of the granted group")
                    .isEqualTo(deviceId);
            assertThat(status(() -> devices.get(operator.caller(), deviceId)))
                    .as("an Org1 operator is not in the grantee MSP")
                    .isEqualTo(403);

            Thread.sleep(Math.max(0, expiresAt - System.currentTimeMillis() + 50));
            ApiError expired = ApiError.of(() -> devices.get(otherOperator.caller(), deviceId));
            assertThat(expired.status()).isEqualTo(403);
            assertThat(expired.code()).isEqualTo("DEVICE_ACCESS_DENIED");
        }

        @Test
        void bad_grants_are_refused_before_the_ledger() throws Exception {
            String deviceId = fixture.activeDevice(0, "api-badgrant").deviceId();
            String foreign = fixture.activeDevice(1, "api-foreign").deviceId();

            ApiError unknownUser = ApiError.of(() -> grants.grant(
                    admin.caller(),
                    new GrantRequest(null, "nobody", null, deviceId, null, List.of("reboot"), FAR_FUTURE)));
            assertThat(unknownUser.status()).isEqualTo(404);
            assertThat(unknownUser.code()).isEqualTo("GRANT_GRANTEE_NOT_FOUND");
            assertThat(status(() -> grants.grant(admin.caller(), toOperator(auditor, deviceId, FAR_FUTURE))))
                    .isEqualTo(400);
            ApiError foreignDevice =
                    ApiError.of(() -> grants.grant(admin.caller(), toOperator(operator, foreign, FAR_FUTURE)));
            assertThat(foreignDevice.status()).isEqualTo(403);
            assertThat(foreignDevice.code()).isEqualTo("DEVICE_ACCESS_DENIED");
            assertThat(ApiError.of(() -> grants.grant(
                                    admin.caller(),
                                    new GrantRequest(null, null, "Org1MSP", deviceId, null, List.of("reboot"), 1L)))
                            .code())
                    .isEqualTo("INVALID_ARGUMENT");
            assertThat(status(() -> grants.grant(
                            operator.caller(),
                            new GrantRequest(null, null, "Org1MSP", deviceId, null, List.of("reboot"), FAR_FUTURE))))
                    .isEqualTo(403);
            assertThat(grants.list(admin.caller(), deviceId, null, null, null).items())
                    .isEmpty();
        }
    }

    @Nested
    class Audit {
        @Test
        void auditor_reads_device_and_grant_trails_of_the_own_organisation_only() throws Exception {
            String deviceId = fixture.activeDevice(0, "api-trail").deviceId();
            String grantId = grant(toOperator(operator, deviceId, FAR_FUTURE));
            grants.revoke(admin.caller(), grantId, null);

            List<LedgerAuditEntry> device = audit.device(auditor.caller(), deviceId);
            assertThat(device).anySatisfy(e -> assertThat(e.actorMsp()).isEqualTo("Org1MSP"));
            assertThat(device).anySatisfy(e -> assertThat(e.record()).containsEntry("status", "ACTIVE"));
            List<LedgerAuditEntry> grant = audit.grant(auditor.caller(), grantId);
            assertThat(grant).hasSize(2);
            assertThat(grant.toString()).contains("REVOKED");

            assertThat(ApiError.of(() -> audit.device(operator.caller(), deviceId))
                            .status())
                    .isEqualTo(403);
            ApiError foreign = ApiError.of(() -> audit.device(otherAdmin.caller(), deviceId));
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.code()).isEqualTo("DEVICE_ACCESS_DENIED");
            assertThat(ApiError.of(() -> audit.grant(otherAdmin.caller(), grantId))
                            .code())
                    .isEqualTo("GRANT_ACCESS_DENIED");
        }

        @Test
        void anchors_are_listed_by_time_range() {
            AuditLedger.AnchorPage anchors = audit.anchors(auditor.caller(), 0, System.currentTimeMillis(), 5, null);
            assertThat(anchors.records()).isNotNull();
            assertThat(anchors.bookmark()).isNotNull();

            ApiError backwards = ApiError.of(() -> audit.anchors(auditor.caller(), 10, 5, null, null));
            assertThat(backwards.status()).isEqualTo(400);
            assertThat(backwards.code()).isEqualTo("INVALID_ARGUMENT");
        }

        @Test
        void blocks_and_transactions_are_decoded_from_qscc() {
            String deviceId = "api-qscc-" + System.nanoTime();
            RegisterDeviceResponse registered = devices.register(
                            admin.caller(),
                            new RegisterDeviceRequest(
                                    deviceId, "env-sensor", "Org1MSP/env-sensor", "1.0.0", "field", null, null))
                    .body();
            String txId = registered.transactionId();
            long blockNumber = registered.blockNumber();

            TransactionSummary transaction = audit.transaction(auditor.caller(), txId);
            assertThat(transaction.txId()).isEqualTo(txId);
            assertThat(transaction.creatorMsp()).isEqualTo("Org1MSP");
            assertThat(transaction.chaincode()).isEqualTo("biotdm");
            assertThat(transaction.function()).isEqualTo("devices:RegisterDevice");
            assertThat(transaction.validationCode()).isEqualTo("VALID");
            assertThat(transaction.type()).isEqualTo("ENDORSER_TRANSACTION");

            BlockSummary block = audit.block(admin.caller(), blockNumber);
            assertThat(block.number()).isEqualTo(blockNumber);
            assertThat(block.dataHash()).matches("[0-9a-f]{64}");
            assertThat(block.transactions())
                    .extracting(TransactionSummary::txId)
                    .contains(txId);

            ChainInfoResponse chain = audit.chain(auditor.caller());
            assertThat(chain.height()).isGreaterThan(blockNumber);
            assertThat(ApiError.of(() -> audit.block(admin.caller(), chain.height() + 1000))
                            .code())
                    .isEqualTo("BLOCK_NOT_FOUND");
            ApiError unknown = ApiError.of(() -> audit.transaction(admin.caller(), "0".repeat(64)));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.code()).isEqualTo("TRANSACTION_NOT_FOUND");
            assertThat(ApiError.of(() -> audit.transaction(admin.caller(), "not-a-tx"))
                            .status())
                    .isEqualTo(400);
        }
    }

    @Nested
    class KeyRotation {
        @Test
        void device_rotates_its_key_once_after_an_admin_authorised_it() throws Exception {
            DeviceCredentials device = fixture.activeDevice(0, "api-rekey");
            KeyPair newKeys = TestCsrs.p256();
            String body = "{\"csr\":"
                    + io.micronaut.serde.ObjectMapper.getDefault()
                            .writeValueAsString(TestCsrs.csr(newKeys, "CN=" + device.deviceId()))
                    + "}";

            HttpResponse<String> early = fixture.device(device, "POST", "/device/v1/rekey", body);
            assertThat(early.statusCode()).isEqualTo(403);
            assertThat(code(early)).isEqualTo("DEVICE_REKEY_NOT_AUTHORISED");

            HttpResponse<String> authorised =
                    call("POST", "/api/v1/devices/" + device.deviceId() + "/rotate-key", admin, null);
            assertThat(authorised.statusCode()).as(authorised.body()).isEqualTo(202);

            HttpResponse<String> rotated = fixture.device(device, "POST", "/device/v1/rekey", body);
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            X509Certificate certificate =
                    parse(String.valueOf(json(rotated.body()).get("certificate")));
            certificate.verify(ca.caCertificate().getPublicKey());
            assertThat(certificate.getPublicKey().getEncoded())
                    .isEqualTo(newKeys.getPublic().getEncoded());
            LedgerDevice onChain = ledger.getDevice(device.deviceId()).orElseThrow();
            assertThat(onChain.certFingerprint()).isEqualTo(DeviceCa.fingerprint(certificate));
            assertThat(onChain.previousFingerprints()).contains(device.fingerprint());

            DeviceCredentials renewed =
                    new DeviceCredentials(device.deviceId(), newKeys, certificate, ca.caCertificate());
            HttpResponse<String> old = fixture.device(device, "POST", "/device/v1/telemetry", "{}");
            assertThat(old.statusCode()).isEqualTo(403);
            assertThat(code(old)).isEqualTo("DEVICE_CERT_MISMATCH");
            HttpResponse<String> fresh = fixture.device(renewed, "POST", "/device/v1/telemetry", "{}");
            assertThat(fresh.statusCode())
                    .as("authenticated, then refused for the empty batch")
                    .isEqualTo(400);

            HttpResponse<String> replay = fixture.device(renewed, "POST", "/device/v1/rekey", body);
            assertThat(code(replay)).isEqualTo("DEVICE_REKEY_NOT_AUTHORISED");
        }

        private X509Certificate parse(String pem) throws Exception {
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
            }
        }
    }
}
