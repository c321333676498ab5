package org.biotdm.gateway.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
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
import org.biotdm.gateway.command.DeviceCommandsOperations;
import org.biotdm.gateway.grant.GrantChangeResponse;
import org.biotdm.gateway.grant.GrantClient;
import org.biotdm.gateway.grant.GrantRequest;
import org.biotdm.gateway.grant.LedgerGrant;
import org.biotdm.gateway.grant.RevokeGrantRequest;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DevicePort;
import org.biotdm.gateway.provisioning.DeviceCa;
import org.biotdm.gateway.provisioning.DeviceCsr;
import org.biotdm.gateway.provisioning.ProvisionRequest;
import org.biotdm.gateway.provisioning.ProvisionResponse;
import org.biotdm.gateway.provisioning.ProvisioningOperations;
import org.biotdm.gateway.provisioning.TestCsrs;
import org.biotdm.gateway.telemetry.TelemetryOperations;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.Route;
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

    private static String error(ThrowingCallable call) {
        ApiError error = ApiError.of(call);
        return error.status() + " " + error.code();
    }

    private static RegisterDeviceRequest registration(String deviceId, Long claimTokenExpiresAt) {
        return new RegisterDeviceRequest(
                deviceId, "env-sensor", "Org1MSP/env-sensor", "1.0.0", "field", null, claimTokenExpiresAt, null);
    }

    private DeviceListResponse list(TestUsers.Session person, String prefix) {
        return devices.list(person.caller(), null, null, null, prefix, null, null, null);
    }

    private DeviceListResponse activePage(TestUsers.Session person, String prefix, String cursor) {
        return devices.list(person.caller(), "ACTIVE", null, null, prefix, null, 2, cursor);
    }

    @Nested
    class Devices {
        @Test
        void registration_returns_a_one_time_claim_token_that_provisions_the_device() throws Exception {
            String deviceId = "api-reg-" + System.nanoTime();
            long expiry = System.currentTimeMillis() + 3_600_000;

            var registered = devices.register(admin.caller(), registration(deviceId, expiry));

            assertThat(registered.code()).isEqualTo(201);
            String token = registered.body().claimToken();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(registered.body().transactionId()).matches("[0-9a-f]{64}");
            LedgerDevice onChain = ledger.getDevice(deviceId).orElseThrow();
            assertThat(onChain.ownerMsp()).isEqualTo("Org1MSP");
            assertThat(onChain.claimTokenSha256())
                    .isEqualTo(DevnetAdmin.sha256Hex(token.getBytes(StandardCharsets.UTF_8)));
            assertThat(onChain.metadata()).containsEntry("claimTokenExpiresAt", Long.toString(expiry));
            assertThat(onChain.updatedBy()).isEqualTo(admin.user().fabricId());

            KeyPair keys = TestCsrs.p256();
            ProvisionResponse provisioned = DevicePort.anonymous(context)
                    .client(ProvisioningOperations.class)
                    .provision(new ProvisionRequest(deviceId, token, TestCsrs.csr(keys, "CN=" + deviceId)));
            assertThat(provisioned.deviceId()).isEqualTo(deviceId);

            DeviceDetailResponse read = devices.get(admin.caller(), deviceId);
            assertThat(read.device().status()).isEqualTo(DeviceStatus.ACTIVE);
            assertThat(read.firmwareVersion()).isEqualTo("1.0.0");
            assertThat(read.lastSeenAt()).isNull();
        }

        @Test
        void a_device_registered_with_its_certificate_connects_with_it_once_activated() throws Exception {
            String deviceId = "api-cert-" + System.nanoTime();
            KeyPair keys = TestCsrs.p256();
            X509Certificate certificate =
                    ca.issue(DeviceCsr.parse(TestCsrs.csr(keys, "CN=" + deviceId), deviceId), deviceId);
            String pem = DeviceCa.pem("CERTIFICATE", certificate.getEncoded());
            RegisterDeviceRequest request = new RegisterDeviceRequest(
                    deviceId, "env-sensor", "Org1MSP/env-sensor", "1.0.0", "field", null, null, pem);

            var registered = devices.register(admin.caller(), request);

            assertThat(registered.code()).isEqualTo(201);
            assertThat(registered.body().claimToken()).isNull();
            LedgerDevice onChain = ledger.getDevice(deviceId).orElseThrow();
            assertThat(onChain.status()).isEqualTo(DeviceStatus.PROVISIONED);
            assertThat(onChain.certFingerprint()).isEqualTo(DeviceCa.fingerprint(certificate));
            assertThat(onChain.claimTokenSha256()).isNull();
            devices.activate(admin.caller(), deviceId, null);
            DeviceCredentials device = new DeviceCredentials(deviceId, keys, certificate, ca.caCertificate());
            byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
            assertThat(ApiError.of(() -> DevicePort.as(device, context)
                                    .client(TelemetryOperations.class)
                                    .ingest(empty)
                                    .join())
                            .status())
                    .as("authenticated with the registered certificate, then refused for the empty batch")
                    .isEqualTo(400);

            RegisterDeviceRequest notACertificate = new RegisterDeviceRequest(
                    deviceId + "-x", "env-sensor", "Org1MSP/env-sensor", "1.0.0", "field", null, null, "-----BEGIN");
            assertThat(ApiError.of(() -> devices.register(admin.caller(), notACertificate))
                            .text())
                    .contains("INVALID_ARGUMENT")
                    .contains("body.certificatePem");
            assertThat(ledger.getDevice(deviceId + "-x")).isEmpty();
        }

        @Test
        void lifecycle_changes_are_signed_by_the_admin_and_ledger_errors_keep_their_codes() throws Exception {
            String deviceId = fixture.activeDevice(0, "api-life").deviceId();

            assertThat(error(() -> devices.suspend(admin.caller(), deviceId, new DeviceStatusRequest(null))))
                    .isEqualTo("400 INVALID_ARGUMENT");

            DeviceChangeResponse suspended =
                    devices.suspend(admin.caller(), deviceId, new DeviceStatusRequest("maintenance"));
            assertThat(suspended.device().status()).isEqualTo(DeviceStatus.SUSPENDED);

            assertThat(error(() -> devices.suspend(admin.caller(), deviceId, new DeviceStatusRequest("again"))))
                    .isEqualTo("409 DEVICE_INVALID_TRANSITION");

            String transactionId =
                    devices.reactivate(admin.caller(), deviceId, null).transactionId();

            List<LedgerAuditEntry> entries = devices.history(auditor.caller(), deviceId);
            assertThat(entries.get(0).txId()).isEqualTo(transactionId);
            assertThat(entries.get(0).actorId()).isEqualTo(admin.user().fabricId());
            assertThat(entries.get(0).actorMsp()).isEqualTo("Org1MSP");
            assertThat(entries).hasSize(4);
        }

        @Test
        void auditors_read_but_never_write() throws Exception {
            String deviceId = fixture.activeDevice(0, "api-aud").deviceId();

            assertThat(devices.get(auditor.caller(), deviceId).device().deviceId())
                    .isEqualTo(deviceId);
            assertThat(status(() -> devices.suspend(auditor.caller(), deviceId, new DeviceStatusRequest("x"))))
                    .isEqualTo(403);
            assertThat(status(() ->
                            devices.register(auditor.caller(), registration("api-aud-new-" + System.nanoTime(), null))))
                    .isEqualTo(403);
            assertThat(ledger.getDevice(deviceId).orElseThrow().status().name()).isEqualTo("ACTIVE");
        }

        @Test
        void another_organisations_admin_gets_device_access_denied_and_changes_nothing() throws Exception {
            String deviceId = fixture.activeDevice(0, "api-cross").deviceId();

            Map<String, ThrowingCallable> calls = Map.of(
                    "get", () -> devices.get(otherAdmin.caller(), deviceId),
                    "history", () -> devices.history(otherAdmin.caller(), deviceId),
                    "suspend", () -> devices.suspend(otherAdmin.caller(), deviceId, new DeviceStatusRequest("hostile")),
                    "rotateKey", () -> devices.rotateKey(otherAdmin.caller(), deviceId));
            calls.forEach((name, call) -> assertThat(error(call)).as(name).isEqualTo("403 DEVICE_ACCESS_DENIED"));
            assertThat(ledger.getDevice(deviceId).orElseThrow().status().name()).isEqualTo("ACTIVE");
        }

        @Test
        void list_filters_and_pages_within_the_callers_organisation() throws Exception {
            String prefix = "api-list" + System.nanoTime();
            for (int i = 0; i < 3; i++) {
                fixture.activeDevice(0, prefix);
            }
            DevicesApiFixture.await(() -> list(admin, prefix).items().size() == 3);

            DeviceListResponse first = activePage(admin, prefix, null);
            assertThat(first.items()).hasSize(2);
            assertThat(first.nextCursor()).isNotNull();
            DeviceListResponse second = activePage(auditor, prefix, first.nextCursor());
            assertThat(second.items()).hasSize(1);
            assertThat(second.nextCursor()).isNull();

            assertThat(list(otherAdmin, prefix).items()).isEmpty();
            assertThat(list(operator, prefix).items())
                    .as("an operator without grants")
                    .isEmpty();

            assertThat(error(() -> devices.list(admin.caller(), null, "lab' OR '1'='1", null, null, null, null, null)))
                    .isEqualTo("400 INVALID_ARGUMENT");
            assertThat(error(() -> devices.list(admin.caller(), null, null, null, null, null, 100000, null)))
                    .isEqualTo("400 INVALID_ARGUMENT");
        }

        @Test
        void a_device_that_calls_in_is_online_listed_first_by_activity_and_counted() throws Exception {
            String prefix = "api-online" + System.nanoTime();
            DeviceCredentials silent = fixture.activeDevice(0, prefix);
            DeviceCredentials heard = fixture.activeDevice(0, prefix);
            DeviceCountsResponse before = devices.counts(admin.caller());

            DevicePort.as(heard, context)
                    .client(DeviceCommandsOperations.class)
                    .poll(0L)
                    .join();
            DevicesApiFixture.await(() -> list(admin, prefix).items().stream().anyMatch(DeviceSummary::online));

            List<DeviceSummary> byActivity = devices.list(
                            admin.caller(), null, null, null, prefix, "-lastSeenAt", null, null)
                    .items();
            assertThat(byActivity)
                    .extracting(DeviceSummary::deviceId)
                    .containsExactly(heard.deviceId(), silent.deviceId());
            assertThat(byActivity.get(0).online()).isTrue();
            assertThat(byActivity.get(0).lastConnectAt())
                    .isNotNull()
                    .isLessThanOrEqualTo(byActivity.get(0).lastSeenAt());
            assertThat(byActivity.get(1).online()).isFalse();
            assertThat(byActivity.get(1).lastSeenAt()).isNull();
            DeviceCountsResponse after = devices.counts(admin.caller());
            assertThat(after.online()).isGreaterThan(before.online());
            assertThat(after.total())
                    .isEqualTo(after.online() + after.offline())
                    .isEqualTo(after.byStatus().values().stream()
                            .mapToLong(Long::longValue)
                            .sum());
            assertThat(devices.counts(otherAdmin.caller()).online()).isZero();
        }

        @Test
        void refused_list_parameters_name_the_parameter() throws Exception {
            // Raw on purpose: the typed client checks the parameters' constraints before sending.
            Route list = Route.of(DeviceAdminClient.class, "list");
            for (Map.Entry<String, String> query : Map.of("status", "RETIRED", "pageSize", "0", "sort", "owner")
                    .entrySet()) {
                ApiError refused =
                        ApiError.from(fixture.raw(list, Map.of(query.getKey(), query.getValue()), admin, null));

                assertThat(refused.status() + " " + refused.code())
                        .as(query.toString())
                        .isEqualTo("400 INVALID_ARGUMENT");
                assertThat(refused.fields()).containsExactly(query.getKey());
            }
        }

        @Test
        void unknown_device_is_404_and_unknown_fields_are_400() throws Exception {
            assertThat(error(() -> devices.get(admin.caller(), "no-such-device-" + System.nanoTime())))
                    .isEqualTo("404 DEVICE_NOT_FOUND");

            String deviceId = "api-unknown-field-" + System.nanoTime();
            // Raw on purpose: the typed client cannot send a field the request record lacks.
            String body =
                    "{\"deviceId\":\"" + deviceId + "\",\"deviceType\":\"env-sensor\",\"model\":\"Org1MSP/env-sensor\","
                            + "\"firmwareVersion\":\"1.0.0\",\"group\":\"field\",\"ownerMsp\":\"Org2MSP\"}";
            HttpResponse<String> refused =
                    fixture.raw(Route.of(DeviceAdminClient.class, "register"), Map.of(), admin, body);
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
            DevicesApiFixture.await(
                    () -> devices.list(operator.caller(), null, null, null, "api-grant", null, null, null)
                            .toString()
                            .contains(granted));
            DeviceListResponse listed = devices.list(operator.caller(), null, null, null, null, null, null, null);
            assertThat(listed.toString()).contains(granted).doesNotContain(other);
            assertThat(grants.get(operator.caller(), grantId).grantId()).isEqualTo(grantId);
            assertThat(grants.list(auditor.caller(), granted, null, null, null).toString())
                    .contains(grantId);
            assertThat(grants.mine(operator.caller()))
                    .extracting(LedgerGrant::grantId)
                    .contains(grantId);
            assertThat(grants.mine(admin.caller())).isEmpty();

            GrantChangeResponse revoked = grants.revoke(admin.caller(), grantId, new RevokeGrantRequest("shift over"));
            assertThat(revoked.grant().status()).isEqualTo("REVOKED");
            assertThat(status(() -> devices.get(operator.caller(), granted))).isEqualTo(403);
            assertThat(grants.mine(operator.caller()))
                    .extracting(LedgerGrant::grantId)
                    .doesNotContain(grantId);
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
                            deviceId, "env-sensor", "Org1MSP/env-sensor", "1.0.0", group, null, null, null));
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
            AuditLedger.AnchorPage anchors =
                    audit.anchors(auditor.caller(), "0", Long.toString(System.currentTimeMillis()), 5, null);
            assertThat(anchors.records()).isNotNull();
            assertThat(anchors.bookmark()).isNotNull();

            ApiError backwards = ApiError.of(() -> audit.anchors(auditor.caller(), "10", "5", null, null));
            assertThat(backwards.status()).isEqualTo(400);
            assertThat(backwards.code()).isEqualTo("INVALID_ARGUMENT");
        }

        @Test
        void anchors_take_the_time_forms_of_every_query_and_name_a_bad_one() {
            assertThat(audit.anchors(auditor.caller(), "1970-01-01T01:00:00+01:00", null, 5, null)
                            .records())
                    .isNotNull();

            ApiError bad = ApiError.of(() -> audit.anchors(auditor.caller(), "yesterday", null, null, null));
            assertThat(bad.statusAndCode()).isEqualTo("400 INVALID_ARGUMENT");
            assertThat(bad.body().get("message").toString())
                    .startsWith("from must be")
                    .doesNotContain("Failed to convert");
            assertThat(bad.fields()).containsExactly("from");
        }

        @Test
        void blocks_and_transactions_are_decoded_from_qscc() {
            String deviceId = "api-qscc-" + System.nanoTime();
            RegisterDeviceResponse registered = devices.register(
                            admin.caller(),
                            new RegisterDeviceRequest(
                                    deviceId, "env-sensor", "Org1MSP/env-sensor", "1.0.0", "field", null, null, null))
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
            RekeyRequest body = new RekeyRequest(TestCsrs.csr(newKeys, "CN=" + device.deviceId()));
            DeviceRekeyOperations rekey = DevicePort.as(device, context).client(DeviceRekeyOperations.class);

            assertThat(error(() -> rekey.rekey(body))).isEqualTo("403 DEVICE_REKEY_NOT_AUTHORISED");

            assertThat(devices.rotateKey(admin.caller(), device.deviceId()).code())
                    .isEqualTo(202);

            RekeyResponse rotated = rekey.rekey(body);
            X509Certificate certificate = parse(rotated.certificate());
            certificate.verify(ca.caCertificate().getPublicKey());
            assertThat(certificate.getPublicKey().getEncoded())
                    .isEqualTo(newKeys.getPublic().getEncoded());
            LedgerDevice onChain = ledger.getDevice(device.deviceId()).orElseThrow();
            assertThat(onChain.certFingerprint()).isEqualTo(DeviceCa.fingerprint(certificate));
            assertThat(onChain.previousFingerprints()).contains(device.fingerprint());

            DeviceCredentials renewed =
                    new DeviceCredentials(device.deviceId(), newKeys, certificate, ca.caCertificate());
            byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
            assertThat(error(() -> telemetry(device).ingest(empty).join())).isEqualTo("403 DEVICE_CERT_MISMATCH");
            assertThat(ApiError.of(() -> telemetry(renewed).ingest(empty).join())
                            .status())
                    .as("authenticated, then refused for the empty batch")
                    .isEqualTo(400);

            DeviceRekeyOperations renewedRekey = DevicePort.as(renewed, context).client(DeviceRekeyOperations.class);
            assertThat(ApiError.of(() -> renewedRekey.rekey(body)).code()).isEqualTo("DEVICE_REKEY_NOT_AUTHORISED");
        }

        private TelemetryOperations telemetry(DeviceCredentials device) {
            return DevicePort.as(device, context).client(TelemetryOperations.class);
        }

        private X509Certificate parse(String pem) throws Exception {
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
            }
        }
    }
}
