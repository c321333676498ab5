package org.biotdm.gateway.provisioning;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.biotdm.gateway.device.DeviceChange;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.LedgerDevice;
import org.biotdm.gateway.device.LedgerDeviceRegistry;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-touch provisioning flow: check the request and CSR, read the device, check the claim token against the
 * hash on the device's record (and every other refusal the chaincode's {@code ClaimDevice} would make), and only then
 * issue its certificate, claim the device on the ledger, and hand out the certificate. A refused request never makes
 * the device CA sign anything; the chaincode checks the token again when the claim is endorsed.
 *
 * <p>Claim-token expiry: the chaincode keeps no expiry for claim tokens. An administrator may put one into the
 * device's metadata at registration, under {@code biotdm.provisioning.claim-expiry-metadata} ({@code
 * claimTokenExpiresAt}, epoch milliseconds); this gateway then refuses the claim after that time with {@code
 * CLAIM_TOKEN_EXPIRED}. The check is the gateway's, not the chaincode's: another organisation's gateway software could
 * ignore it, but only the owner organisation's gateways may submit {@code ClaimDevice} at all.
 *
 * <p>The device is read together with the devices of concurrent requests in one {@code GetDevices} ({@link
 * DeviceReadGroup}). The claim joins concurrent ones in one {@code ClaimDevices} transaction ({@link ClaimGroupCommit}), with the same
 * checks, writes and per-claim result as a {@code ClaimDevice} of its own. It is submitted up to 4 times (pauses of 50, 100 and 200 ms) while an endorser answers {@code
 * DEVICE_NOT_FOUND} for the device this gateway's own peer has just returned: another organisation's peer may not have
 * committed the registration's block yet.
 *
 * <p>An unknown commit outcome is resolved before answering: the device is read again and, when it carries the new
 * certificate's fingerprint, the claim committed and the certificate is returned.
 */
@Singleton
final class ProvisioningService {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningService.class);
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MIN_TOKEN_BYTES = 16;
    private static final int MAX_TOKEN_BYTES = 256;
    private static final int LAGGING_ENDORSER_ATTEMPTS = 4;
    private static final long LAGGING_ENDORSER_PAUSE_MILLIS = 50;

    private final DeviceCa ca;
    private final DeviceLedger ledger;
    private final LedgerClient client;
    private final ProvisioningConfiguration configuration;
    private final LedgerDeviceRegistry registry;
    private final ClaimGroupCommit claims;
    private final DeviceReadGroup reads;

    /**
     * Creates the flow.
     *
     * @param ca the device CA
     * @param ledger the device ledger
     * @param client the ledger client (for the gateway's MSP ID)
     * @param configuration the provisioning settings
     * @param registry the device registry, given the claimed record at once so the device's first request does not
     *     depend on the chaincode event having arrived
     * @param claims the group commit that submits the claim together with concurrent ones
     * @param reads reads the device together with the devices of concurrent requests
     */
    public ProvisioningService(
            DeviceCa ca,
            DeviceLedger ledger,
            LedgerClient client,
            ProvisioningConfiguration configuration,
            LedgerDeviceRegistry registry,
            ClaimGroupCommit claims,
            DeviceReadGroup reads) {
        this.ca = ca;
        this.ledger = ledger;
        this.client = client;
        this.configuration = configuration;
        this.registry = registry;
        this.claims = claims;
        this.reads = reads;
    }

    /**
     * Provisions a device; see {@link ProvisioningOperations#provision} for the error codes.
     *
     * @param request the request
     * @return the certificate and CA certificate
     * @throws ApiException with the status and code of the failure
     */
    public ProvisionResponse provision(ProvisionRequest request) {
        String deviceId = checkDeviceId(request.deviceId());
        byte[] token = checkToken(request.claimToken());
        DeviceCsr csr = checkCsr(request.csr(), deviceId);
        LedgerDevice device = readDevice(deviceId);
        checkClaimable(device);
        checkClaim(device, token);
        X509Certificate certificate = ca.issue(csr, deviceId);
        String fingerprint = DeviceCa.fingerprint(certificate);
        claim(deviceId, csr.publicKeyPem(), fingerprint, token);
        return new ProvisionResponse(deviceId, DeviceCa.pem("CERTIFICATE", der(certificate)), ca.caCertificatePem());
    }

    private static String checkDeviceId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw invalidRequest("deviceId must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }
        return deviceId;
    }

    private static byte[] checkToken(String claimToken) {
        byte[] token = claimToken == null ? new byte[0] : claimToken.getBytes(StandardCharsets.UTF_8);
        if (token.length < MIN_TOKEN_BYTES || token.length > MAX_TOKEN_BYTES) {
            throw invalidRequest(
                    "claimToken must be " + MIN_TOKEN_BYTES + " to " + MAX_TOKEN_BYTES + " bytes of UTF-8 text");
        }
        return token;
    }

    private static DeviceCsr checkCsr(String pem, String deviceId) {
        try {
            return DeviceCsr.parse(pem, deviceId);
        } catch (InvalidCsrException e) {
            throw new ApiException(ErrorCode.PROVISION_INVALID_CSR, e.getMessage());
        }
    }

    private LedgerDevice readDevice(String deviceId) {
        Optional<LedgerDevice> device;
        try {
            device = reads.read(deviceId);
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        return device.orElseThrow(
                () -> new ApiException(ErrorCode.DEVICE_NOT_FOUND, "Device " + deviceId + " does not exist"));
    }

    private void checkClaimable(LedgerDevice device) {
        String ownMsp;
        try {
            ownMsp = client.gatewayIdentity().mspId();
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        if (!ownMsp.equals(device.ownerMsp())) {
            throw new ApiException(
                    ErrorCode.ACCESS_DENIED,
                    "Device " + device.deviceId() + " belongs to " + device.ownerMsp()
                            + "; provision it through that organisation's gateway");
        }
        String expiry = device.metadata().get(configuration.claimExpiryMetadata());
        if (device.claimedAt() == null && expiry != null && isPast(expiry)) {
            throw new ApiException(
                    ErrorCode.CLAIM_TOKEN_EXPIRED, "The claim token of device " + device.deviceId() + " expired");
        }
    }

    /**
     * Makes ClaimDevice's refusals before the CA signs: the same checks, in the same order, on the record this gateway
     * has just read ({@code DeviceRegistry.claim} in the chaincode).
     */
    private static void checkClaim(LedgerDevice device, byte[] token) {
        String id = device.deviceId();
        if (device.claimTokenSha256() == null) {
            throw new ApiException(
                    ErrorCode.DEVICE_NOT_CLAIMABLE,
                    "Device " + id + " was registered with its key and has no claim token");
        }
        if (device.claimedAt() != null) {
            throw new ApiException(
                    ErrorCode.CLAIM_TOKEN_SPENT, "The claim token of device " + id + " was already spent");
        }
        if (!MessageDigest.isEqual(sha256(token), expectedHash(device.claimTokenSha256()))) {
            throw new ApiException(ErrorCode.CLAIM_TOKEN_MISMATCH, "The claim token does not match device " + id);
        }
        if (device.status() != DeviceStatus.PROVISIONED && device.status() != DeviceStatus.SUSPENDED) {
            throw new ApiException(
                    ErrorCode.DEVICE_INVALID_TRANSITION,
                    "Device " + id + " cannot go from " + device.status() + " to " + DeviceStatus.ACTIVE);
        }
    }

    private static byte[] sha256(byte[] token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The recorded hash's bytes; a record that does not hold 64 hex digits matches no token. */
    private static byte[] expectedHash(String hex) {
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static boolean isPast(String epochMillis) {
        try {
            return System.currentTimeMillis() >= Long.parseLong(epochMillis.strip());
        } catch (NumberFormatException e) {
            // An expiry that is not a number cannot be honoured; refusing is the safe reading.
            return true;
        }
    }

    private void claim(String deviceId, String publicKeyPem, String fingerprint, byte[] token) {
        try {
            DeviceChange change = claimOnEndorsersThatSawTheDevice(deviceId, publicKeyPem, fingerprint, token);
            registry.update(change.device());
            LOG.info(
                    "device {} provisioned in transaction {}",
                    deviceId,
                    change.receipt().transactionId());
        } catch (LedgerException e) {
            if (e.kind() == LedgerException.Kind.UNKNOWN_OUTCOME) {
                Optional<LedgerDevice> claimed = claimedWith(deviceId, fingerprint);
                if (claimed.isPresent()) {
                    registry.update(claimed.get());
                    return;
                }
            }
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Submits ClaimDevice, again after a short pause when an endorser answers {@code DEVICE_NOT_FOUND}: this gateway's
     * own peer has just shown the device, so such an answer comes from another organisation's peer that has not yet
     * committed the registration's block (peers commit each block independently; Fabric's gateway prefers, but does
     * not wait for, the highest ledger height). A device really removed in between stays not found and is reported.
     */
    private DeviceChange claimOnEndorsersThatSawTheDevice(
            String deviceId, String publicKeyPem, String fingerprint, byte[] token) throws LedgerException {
        for (int attempt = 1; ; attempt++) {
            try {
                return claims.claim(new DeviceLedger.Claim(deviceId, publicKeyPem, fingerprint, token));
            } catch (LedgerException e) {
                if (e.code() != ErrorCode.DEVICE_NOT_FOUND || attempt >= LAGGING_ENDORSER_ATTEMPTS) {
                    throw e;
                }
                pause(LAGGING_ENDORSER_PAUSE_MILLIS << (attempt - 1));
            }
        }
    }

    private static void pause(long millis) throws LedgerException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(
                    LedgerException.Kind.UNAVAILABLE, ErrorCode.LEDGER_UNAVAILABLE, "interrupted", null, e);
        }
    }

    private Optional<LedgerDevice> claimedWith(String deviceId, String fingerprint) {
        try {
            return ledger.getDevice(deviceId).filter(d -> fingerprint.equals(d.certFingerprint()));
        } catch (LedgerException e) {
            return Optional.empty();
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("issued certificate cannot be encoded", e);
        }
    }

    private static ApiException invalidRequest(String message) {
        return new ApiException(ErrorCode.PROVISION_INVALID_REQUEST, message);
    }
}
