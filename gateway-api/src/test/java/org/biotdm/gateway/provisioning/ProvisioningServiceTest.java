package org.biotdm.gateway.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpStatus;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.config.DataDirectory;
import org.biotdm.gateway.device.DeviceChange;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.LedgerBatch;
import org.biotdm.gateway.device.LedgerDevice;
import org.biotdm.gateway.device.LedgerDeviceRegistry;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.LedgerReceipt;
import org.biotdm.gateway.testing.TestSettings;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningServiceTest {
    private static final String TOKEN = "correct-horse-battery-staple";
    private static final String TOKEN_SHA256 = HexFormat.of().formatHex(sha256(TOKEN.getBytes(StandardCharsets.UTF_8)));

    @TempDir
    Path dataDir;

    private final KeyPair deviceKeys = TestCsrs.p256();
    private final ScriptedLedger ledger = new ScriptedLedger();
    private ProvisioningService service;
    private CountingCa ca;
    private LedgerDeviceRegistry registry;
    private ClaimGroupCommit claims;
    private DeviceReadGroup reads;

    @BeforeEach
    void setUp() throws Exception {
        LedgerConfiguration ledgerConfiguration =
                TestSettings.bind(LedgerConfiguration.class, Map.of("biotdm.ledger.msp-id", "Org1MSP"));
        ProvisioningConfiguration configuration = TestSettings.defaults(ProvisioningConfiguration.class);
        ca = new CountingCa(configuration, ledgerConfiguration, new DataDirectory(dataDir));
        LedgerIdentity gateway = identity("Org1MSP");
        LedgerClient client = new LedgerClient(ledgerConfiguration, null, null, null) {
            @Override
            public LedgerIdentity gatewayIdentity() {
                return gateway;
            }
        };
        registry = new LedgerDeviceRegistry(ledger, null, ledgerConfiguration);
        ClaimCommitConfiguration grouping = new ClaimCommitConfiguration(Duration.ofMillis(1), 1);
        claims = new ClaimGroupCommit(ledger, grouping);
        reads = new DeviceReadGroup(ledger, grouping);
        service = new ProvisioningService(ca, ledger, client, configuration, registry, claims, reads);
    }

    @AfterEach
    void stopClaims() {
        claims.close();
        reads.close();
    }

    private ProvisionRequest request(String deviceId, String token) {
        return new ProvisionRequest(deviceId, token, TestCsrs.csr(deviceKeys, "CN=" + deviceId));
    }

    private static LedgerDevice device(String deviceId, String ownerMsp, Map<String, String> metadata) {
        return device(deviceId, ownerMsp, metadata, DeviceStatus.PROVISIONED, TOKEN_SHA256, null);
    }

    private static LedgerDevice device(
            String deviceId,
            String ownerMsp,
            Map<String, String> metadata,
            DeviceStatus status,
            String claimTokenSha256,
            Long claimedAt) {
        return new LedgerDevice(
                deviceId,
                ownerMsp,
                "env-sensor",
                "Org1MSP/env",
                "1.0.0",
                "lab",
                metadata,
                status,
                null,
                null,
                null,
                null,
                claimTokenSha256,
                claimedAt,
                1L,
                1L,
                "admin",
                ownerMsp);
    }

    private static ApiException failure(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    @Test
    void issues_the_certificate_whose_fingerprint_was_claimed_with_the_token() throws Exception {
        ledger.device = Optional.of(device("d-1", "Org1MSP", Map.of()));

        ProvisionResponse response = service.provision(request("d-1", TOKEN));

        X509Certificate certificate = parse(response.certificate());
        certificate.verify(ca.caCertificate().getPublicKey());
        assertThat(response.deviceId()).isEqualTo("d-1");
        assertThat(response.caCertificate()).isEqualTo(ca.caCertificatePem());
        assertThat(ledger.claims).hasSize(1);
        assertThat(ca.issued).isEqualTo(1);
        RecordedClaim claim = ledger.claims.get(0);
        assertThat(claim.fingerprint).isEqualTo(DeviceCa.fingerprint(certificate));
        assertThat(new String(claim.token, StandardCharsets.UTF_8)).isEqualTo(TOKEN);
        assertThat(claim.publicKeyPem).contains("BEGIN PUBLIC KEY");
        int readsBefore = ledger.reads;
        assertThat(registry.find("d-1"))
                .as("the registry knows the claimed record without waiting for the event")
                .isPresent();
        assertThat(ledger.reads).isEqualTo(readsBefore);
    }

    @Nested
    class Refused_before_anything_is_issued {
        @AfterEach
        void nothing_was_signed() {
            assertThat(ca.issued).as("certificates the device CA signed").isZero();
            assertThat(ledger.claims).isEmpty();
        }

        @Test
        void wrong_claim_token() {
            ledger.device = Optional.of(device("d-1", "Org1MSP", Map.of()));

            ApiException e = failure(() -> service.provision(request("d-1", "not-the-device's-claim-token")));

            assertThat(e.status().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
            assertThat(e.code()).isEqualTo(ErrorCode.CLAIM_TOKEN_MISMATCH);
        }

        @Test
        void spent_claim_token() {
            ledger.device = Optional.of(device("d-1", "Org1MSP", Map.of(), DeviceStatus.ACTIVE, TOKEN_SHA256, 5L));

            assertThat(failure(() -> service.provision(request("d-1", TOKEN))).code())
                    .isEqualTo(ErrorCode.CLAIM_TOKEN_SPENT);
        }

        @Test
        void device_registered_with_its_key() {
            ledger.device = Optional.of(device("d-1", "Org1MSP", Map.of(), DeviceStatus.PROVISIONED, null, null));

            assertThat(failure(() -> service.provision(request("d-1", TOKEN))).code())
                    .isEqualTo(ErrorCode.DEVICE_NOT_CLAIMABLE);
        }

        @Test
        void decommissioned_device() {
            ledger.device =
                    Optional.of(device("d-1", "Org1MSP", Map.of(), DeviceStatus.DECOMMISSIONED, TOKEN_SHA256, null));

            assertThat(failure(() -> service.provision(request("d-1", TOKEN))).code())
                    .isEqualTo(ErrorCode.DEVICE_INVALID_TRANSITION);
        }

        @Test
        void malformed_device_id() {
            ApiException e = failure(() -> service.provision(request("bad/id", TOKEN)));

            assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(e.code()).isEqualTo(ErrorCode.PROVISION_INVALID_REQUEST);
            assertThat(ledger.reads).isZero();
        }

        @Test
        void missing_or_short_token() {
            assertThat(failure(() -> service.provision(request("d-1", null))).code())
                    .isEqualTo(ErrorCode.PROVISION_INVALID_REQUEST);
            assertThat(failure(() -> service.provision(request("d-1", "short"))).code())
                    .isEqualTo(ErrorCode.PROVISION_INVALID_REQUEST);
            assertThat(ledger.reads).isZero();
        }

        @Test
        void invalid_csr() {
            ApiException e = failure(() -> service.provision(new ProvisionRequest("d-1", TOKEN, "garbage")));

            assertThat(e.status().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
            assertThat(e.code()).isEqualTo(ErrorCode.PROVISION_INVALID_CSR);
            assertThat(ledger.reads).isZero();
        }

        @Test
        void unknown_device() {
            ApiException e = failure(() -> service.provision(request("d-404", TOKEN)));

            assertThat(e.status().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
            assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_NOT_FOUND);
            assertThat(ledger.claims).isEmpty();
        }

        @Test
        void device_of_another_organisation() {
            ledger.device = Optional.of(device("d-1", "Org2MSP", Map.of()));

            ApiException e = failure(() -> service.provision(request("d-1", TOKEN)));

            assertThat(e.status().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
            assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
            assertThat(ledger.claims).isEmpty();
        }

        @Test
        void token_past_the_expiry_the_admin_set_in_metadata() {
            String past = Long.toString(Instant.now().minusSeconds(60).toEpochMilli());
            ledger.device = Optional.of(device("d-1", "Org1MSP", Map.of("claimTokenExpiresAt", past)));

            ApiException e = failure(() -> service.provision(request("d-1", TOKEN)));

            assertThat(e.status().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
            assertThat(e.code()).isEqualTo(ErrorCode.CLAIM_TOKEN_EXPIRED);
            assertThat(ledger.claims).isEmpty();
        }

        @Test
        void ledger_unavailable_is_503_with_retry_after() {
            ledger.readFailure = new LedgerException(
                    LedgerException.Kind.UNAVAILABLE, ErrorCode.LEDGER_UNAVAILABLE, "down", null, null);

            ApiException e = failure(() -> service.provision(request("d-1", TOKEN)));

            assertThat(e.status().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
            assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_UNAVAILABLE);
            assertThat(e.retryAfterSeconds()).isPositive();
        }
    }

    @Test
    void token_with_a_future_expiry_is_accepted() {
        String future = Long.toString(Instant.now().plusSeconds(600).toEpochMilli());
        ledger.device = Optional.of(device("d-1", "Org1MSP", Map.of("claimTokenExpiresAt", future)));

        assertThat(service.provision(request("d-1", TOKEN)).certificate()).contains("BEGIN CERTIFICATE");
    }

    @Nested
    class Claim_refusals_map_to_http {
        @BeforeEach
        void registered() {
            ledger.device = Optional.of(device("d-1", "Org1MSP", Map.of()));
        }

        private ApiException claimFails(LedgerException.Kind kind, ErrorCode code) {
            ledger.claimFailure = new LedgerException(kind, code, "refused", "tx-1", null);
            return failure(() -> service.provision(request("d-1", TOKEN)));
        }

        @Test
        void wrong_token_is_403() {
            ApiException e = claimFails(LedgerException.Kind.CONTRACT, ErrorCode.CLAIM_TOKEN_MISMATCH);

            assertThat(e.status().getCode()).isEqualTo(HttpStatus.FORBIDDEN.getCode());
            assertThat(e.code()).isEqualTo(ErrorCode.CLAIM_TOKEN_MISMATCH);
            assertThat(e.transactionId()).isEqualTo("tx-1");
        }

        @Test
        void spent_token_and_unclaimable_device_are_409() {
            assertThat(claimFails(LedgerException.Kind.CONTRACT, ErrorCode.CLAIM_TOKEN_SPENT)
                            .status()
                            .getCode())
                    .isEqualTo(HttpStatus.CONFLICT.getCode());
            assertThat(claimFails(LedgerException.Kind.CONTRACT, ErrorCode.DEVICE_NOT_CLAIMABLE)
                            .status()
                            .getCode())
                    .isEqualTo(HttpStatus.CONFLICT.getCode());
            assertThat(claimFails(LedgerException.Kind.CONFLICT, ErrorCode.LEDGER_CONFLICT)
                            .status()
                            .getCode())
                    .isEqualTo(HttpStatus.CONFLICT.getCode());
        }

        @Test
        void device_gone_meanwhile_is_404_after_giving_lagging_endorsers_their_attempts() {
            assertThat(claimFails(LedgerException.Kind.CONTRACT, ErrorCode.DEVICE_NOT_FOUND)
                            .status()
                            .getCode())
                    .isEqualTo(HttpStatus.NOT_FOUND.getCode());
            assertThat(ledger.claims).hasSize(4);
        }

        @Test
        void an_endorser_that_has_not_yet_committed_the_registration_is_asked_again() throws Exception {
            ledger.claimFailure = new LedgerException(
                    LedgerException.Kind.CONTRACT,
                    ErrorCode.DEVICE_NOT_FOUND,
                    "Device d-1 does not exist",
                    "tx-1",
                    null);
            ledger.failuresLeft = 2;

            ProvisionResponse response = service.provision(request("d-1", TOKEN));

            assertThat(ledger.claims).hasSize(3);
            assertThat(DeviceCa.fingerprint(parse(response.certificate()))).isEqualTo(ledger.claims.get(2).fingerprint);
        }

        @Test
        void other_refusals_are_not_retried() {
            claimFails(LedgerException.Kind.CONTRACT, ErrorCode.CLAIM_TOKEN_MISMATCH);
            assertThat(ledger.claims).hasSize(1);
        }

        @Test
        void unknown_outcome_without_the_fingerprint_on_the_ledger_is_504_with_the_transaction() {
            ApiException e = claimFails(LedgerException.Kind.UNKNOWN_OUTCOME, ErrorCode.LEDGER_UNKNOWN_OUTCOME);

            assertThat(e.status().getCode()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT.getCode());
            assertThat(e.transactionId()).isEqualTo("tx-1");
        }

        @Test
        void unknown_outcome_is_a_success_when_the_ledger_shows_the_new_fingerprint() throws Exception {
            ledger.claimFailure = new LedgerException(
                    LedgerException.Kind.UNKNOWN_OUTCOME, ErrorCode.LEDGER_UNKNOWN_OUTCOME, "lost", "tx-1", null);
            ledger.commitDespiteFailure = true;

            ProvisionResponse response = service.provision(request("d-1", TOKEN));

            assertThat(DeviceCa.fingerprint(parse(response.certificate()))).isEqualTo(ledger.claims.get(0).fingerprint);
        }
    }

    private static X509Certificate parse(String pem) throws Exception {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
        }
    }

    private static LedgerIdentity identity(String mspId) throws Exception {
        KeyPair keys = TestCsrs.p256();
        X500Name name = new X500Name("CN=gateway");
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(new JcaX509v3CertificateBuilder(
                                name,
                                BigInteger.ONE,
                                new Date(),
                                Date.from(Instant.now().plusSeconds(60)),
                                name,
                                keys.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        return new LedgerIdentity(mspId, certificate, keys.getPrivate());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real device CA, counting the certificates it signs. */
    private static final class CountingCa extends DeviceCa {
        int issued;

        CountingCa(ProvisioningConfiguration configuration, LedgerConfiguration ledger, DataDirectory dataDir) {
            super(configuration, ledger, dataDir);
        }

        @Override
        public X509Certificate issue(DeviceCsr csr, String deviceId) {
            issued++;
            return super.issue(csr, deviceId);
        }
    }

    private record RecordedClaim(String deviceId, String publicKeyPem, String fingerprint, byte[] token) {}

    /** A device ledger following a script instead of calling Fabric. */
    private static final class ScriptedLedger extends DeviceLedger {
        Optional<LedgerDevice> device = Optional.empty();
        LedgerException readFailure;
        LedgerException claimFailure;
        boolean commitDespiteFailure;
        int failuresLeft = Integer.MAX_VALUE;
        int reads;
        final List<RecordedClaim> claims = new ArrayList<>();

        ScriptedLedger() {
            super(null, null);
        }

        @Override
        public Optional<LedgerDevice> getDevice(String deviceId) throws LedgerException {
            reads++;
            if (readFailure != null) {
                throw readFailure;
            }
            if (commitDespiteFailure && !claims.isEmpty()) {
                LedgerDevice d = device.orElseThrow();
                return Optional.of(new LedgerDevice(
                        d.deviceId(),
                        d.ownerMsp(),
                        d.deviceType(),
                        d.model(),
                        d.firmwareVersion(),
                        d.group(),
                        d.metadata(),
                        DeviceStatus.ACTIVE,
                        null,
                        claims.get(0).publicKeyPem,
                        claims.get(0).fingerprint,
                        null,
                        d.claimTokenSha256(),
                        2L,
                        d.registeredAt(),
                        2L,
                        "gw",
                        d.ownerMsp()));
            }
            return device.filter(d -> d.deviceId().equals(deviceId));
        }

        /** Reads each device as {@link #getDevice} does, as GetDevices answers: only those that exist. */
        @Override
        public List<LedgerDevice> getDevices(List<String> deviceIds) throws LedgerException {
            List<LedgerDevice> found = new ArrayList<>();
            for (String deviceId : deviceIds) {
                getDevice(deviceId).ifPresent(found::add);
            }
            return found;
        }

        @Override
        public DeviceChange claimDevice(String deviceId, String publicKeyPem, String certFingerprint, byte[] token)
                throws LedgerException {
            claims.add(new RecordedClaim(deviceId, publicKeyPem, certFingerprint, token));
            if (claimFailure != null && failuresLeft-- > 0) {
                throw claimFailure;
            }
            return new DeviceChange(device.orElseThrow(), new LedgerReceipt("tx-1", 5));
        }

        /** Answers each claim as {@link #claimDevice} does, as an item of one batch. */
        @Override
        public BatchChange claimDevices(List<DeviceLedger.Claim> batch) throws LedgerException {
            List<LedgerBatch.Item> items = new ArrayList<>();
            for (DeviceLedger.Claim c : batch) {
                try {
                    LedgerDevice claimed = claimDevice(
                                    c.deviceId(), c.publicKeyPem(), c.certFingerprint(), c.claimToken())
                            .device();
                    items.add(new LedgerBatch.Item(items.size(), c.deviceId(), claimed, null, null));
                } catch (LedgerException e) {
                    if (e.kind() != LedgerException.Kind.CONTRACT) {
                        throw e;
                    }
                    String code = e.code().name();
                    items.add(new LedgerBatch.Item(
                            items.size(), c.deviceId(), null, code, "[" + code + "] " + e.getMessage()));
                }
            }
            int committed =
                    (int) items.stream().filter(LedgerBatch.Item::written).count();
            return new BatchChange(
                    new LedgerBatch(committed, items, items.size() - committed), new LedgerReceipt("tx-1", 5));
        }
    }
}
