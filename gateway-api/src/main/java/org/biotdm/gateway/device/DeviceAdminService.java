package org.biotdm.gateway.device;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.audit.LedgerAuditEntry;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.grant.GrantIndex;
import org.biotdm.gateway.ingress.AuthenticatedDevice;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.provisioning.DeviceCa;
import org.biotdm.gateway.provisioning.DeviceCsr;
import org.biotdm.gateway.provisioning.InvalidCsrException;
import org.biotdm.gateway.provisioning.ProvisioningConfiguration;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device administration: lists and reads devices within the caller's rights ({@link DeviceAccess}), registers devices
 * with a one-time claim token, changes their lifecycle, authorises and performs key rotations, and reads their ledger
 * history. Every ledger write of a person is signed with that person's own Fabric identity; after a write the
 * gateway's registry and {@code devices} table take the new record at once, without waiting for the chaincode event.
 */
@Singleton
final class DeviceAdminService {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAdminService.class);
    private static final long RETRY_AFTER_SECONDS = 5;

    private final DeviceAccess access;
    private final GrantIndex grants;
    private final DeviceLedger ledger;
    private final DeviceAdminLedger adminLedger;
    private final UserLedgerIdentities identities;
    private final LedgerDeviceRegistry registry;
    private final DeviceRepository repository;
    private final DeviceDirectory directory;
    private final RekeyAuthorisations rekeys;
    private final DeviceCa ca;
    private final DeviceAdminConfiguration configuration;
    private final ProvisioningConfiguration provisioning;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the service.
     *
     * @param access the access rules
     * @param grants the grant index (operators' devices)
     * @param ledger the device ledger
     * @param adminLedger key rotation and history
     * @param identities the people's Fabric identities
     * @param registry the in-memory registry
     * @param repository the {@code devices} table
     * @param directory device lists and last-seen times
     * @param rekeys authorised key rotations
     * @param ca the device CA
     * @param configuration the devices API settings
     * @param provisioning the provisioning settings (claim expiry metadata name)
     */
    public DeviceAdminService(
            DeviceAccess access,
            GrantIndex grants,
            DeviceLedger ledger,
            DeviceAdminLedger adminLedger,
            UserLedgerIdentities identities,
            LedgerDeviceRegistry registry,
            DeviceRepository repository,
            DeviceDirectory directory,
            RekeyAuthorisations rekeys,
            DeviceCa ca,
            DeviceAdminConfiguration configuration,
            ProvisioningConfiguration provisioning) {
        this.access = access;
        this.grants = grants;
        this.ledger = ledger;
        this.adminLedger = adminLedger;
        this.identities = identities;
        this.registry = registry;
        this.repository = repository;
        this.directory = directory;
        this.rekeys = rekeys;
        this.ca = ca;
        this.configuration = configuration;
        this.provisioning = provisioning;
    }

    /**
     * Lists one page of the devices the person may see: their organisation's (admin, auditor) or the ones their
     * grants cover (operator).
     *
     * @param user the person
     * @param filter the checked filter
     * @return the page
     */
    public DeviceListResponse list(ApiUser user, DeviceFilter filter) {
        try {
            return user.is(ApiRole.OPERATOR)
                    ? directory.listGranted(grants.grantsNaming(user, System.currentTimeMillis()), filter)
                    : directory.listOwned(user.mspId(), filter);
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(RETRY_AFTER_SECONDS, e);
        }
    }

    /**
     * Counts the devices the person may see (the same ones {@link #list} lists) by status and connectivity.
     *
     * @param user the person
     * @return the counts
     */
    public DeviceCountsResponse counts(ApiUser user) {
        try {
            return user.is(ApiRole.OPERATOR)
                    ? directory.countGranted(grants.grantsNaming(user, System.currentTimeMillis()))
                    : directory.countOwned(user.mspId());
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(RETRY_AFTER_SECONDS, e);
        }
    }

    /**
     * Reads a device the person may see, from the ledger, with its last-seen times from the database.
     *
     * @param user the person
     * @param deviceId the device ID
     * @return the detail
     */
    public DeviceDetailResponse detail(ApiUser user, String deviceId) {
        access.requireReadable(user, deviceId);
        LedgerDevice device;
        try {
            device = ledger.getDevice(deviceId).orElseThrow(() -> notFound(deviceId));
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        Optional<DeviceDirectory.LastSeen> lastSeen;
        try {
            lastSeen = directory.lastSeen(deviceId);
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(RETRY_AFTER_SECONDS, e);
        }
        return new DeviceDetailResponse(
                device,
                device.firmwareVersion(),
                lastSeen.map(DeviceDirectory.LastSeen::readingAt).orElse(null),
                lastSeen.map(DeviceDirectory.LastSeen::receivedAt).orElse(null));
    }

    /**
     * Registers a device of the admin's organisation for zero-touch provisioning with a new random claim token, or,
     * when the request carries the device's certificate, with that certificate's key and fingerprint (no token).
     *
     * @param user an admin
     * @param request the device
     * @return the record, the token (shown once; null with a certificate) and the transaction
     */
    public RegisterDeviceResponse register(ApiUser user, RegisterDeviceRequest request) {
        requireAdmin(user);
        Map<String, String> metadata = new LinkedHashMap<>(request.metadata() == null ? Map.of() : request.metadata());
        String expiryKey = provisioning.claimExpiryMetadata();
        if (request.claimTokenExpiresAt() != null) {
            if (request.claimTokenExpiresAt() <= System.currentTimeMillis()) {
                throw ApiException.invalid("body.claimTokenExpiresAt", "claimTokenExpiresAt must be in the future");
            }
            if (metadata.containsKey(expiryKey)) {
                throw ApiException.invalid(
                        "body.metadata",
                        "give the claim token's expiry as claimTokenExpiresAt, not as metadata " + expiryKey);
            }
            metadata.put(expiryKey, Long.toString(request.claimTokenExpiresAt()));
        }
        DeviceCertificate key = certificateOf(request);
        String token = key == null ? newClaimToken() : null;
        DeviceRegistration registration = new DeviceRegistration(
                request.deviceId(),
                request.deviceType(),
                request.model(),
                request.firmwareVersion(),
                request.group(),
                metadata.isEmpty() ? null : metadata,
                key == null ? null : key.publicKeyPem(),
                key == null ? null : key.certFingerprint(),
                token == null ? null : sha256Hex(token.getBytes(StandardCharsets.UTF_8)));
        DeviceChange change = write(() -> ledger.registerDevice(identity(user), registration));
        return new RegisterDeviceResponse(
                change.device(),
                token,
                request.claimTokenExpiresAt(),
                change.receipt().transactionId(),
                change.receipt().blockNumber());
    }

    /** The device's own certificate when the request registers it with one (no claim token), else null. */
    private static DeviceCertificate certificateOf(RegisterDeviceRequest request) {
        if (request.certificatePem() == null) {
            return null;
        }
        if (request.claimTokenExpiresAt() != null) {
            throw ApiException.invalid(
                    "body.claimTokenExpiresAt", "a device registered with its certificate has no claim token");
        }
        return DeviceCertificate.of(request.certificatePem());
    }

    /**
     * Changes a device's lifecycle status as an admin of its owner organisation.
     *
     * @param user the person
     * @param deviceId the device ID
     * @param transition the change
     * @param reason why, or null (required to suspend)
     * @return the record and its transaction
     */
    public DeviceChangeResponse transition(ApiUser user, String deviceId, Transition transition, String reason) {
        access.requireAdministrable(user, deviceId);
        String why = reason == null || reason.isBlank() ? null : reason;
        if (transition == Transition.SUSPEND && why == null) {
            throw ApiException.invalid("body.reason", "reason is required to suspend a device");
        }
        DeviceChange change = write(() -> {
            LedgerIdentity caller = identity(user);
            return switch (transition) {
                case ACTIVATE -> ledger.activateDevice(caller, deviceId, why);
                case SUSPEND -> ledger.suspendDevice(caller, deviceId, why);
                case REACTIVATE -> ledger.reactivateDevice(caller, deviceId, why);
                case DECOMMISSION -> ledger.decommissionDevice(caller, deviceId, why);
            };
        });
        return new DeviceChangeResponse(
                change.device(),
                change.receipt().transactionId(),
                change.receipt().blockNumber());
    }

    /**
     * Authorises one key rotation of a device for {@code biotdm.device-admin.rekey-window}.
     *
     * @param user an admin of the owner organisation
     * @param deviceId the device ID
     * @return the authorisation
     */
    public RekeyAuthorisationResponse authoriseRekey(ApiUser user, String deviceId) {
        access.requireAdministrable(user, deviceId);
        long now = System.currentTimeMillis();
        long expiresAt = now + configuration.rekeyWindow().toMillis();
        try {
            rekeys.authorise(deviceId, user.fabricId(), user.mspId(), now, expiresAt);
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(RETRY_AFTER_SECONDS, e);
        }
        return new RekeyAuthorisationResponse(deviceId, now, expiresAt);
    }

    /**
     * Rotates an authenticated device's key: spends the admin's authorisation, has the device CA certify the CSR's
     * key, and records the new key and fingerprint with {@code RotateDeviceKey} (as the gateway). A failed ledger
     * write puts the authorisation back.
     *
     * @param device the device, authenticated by its current certificate
     * @param csrPem the CSR for the new key
     * @return the new certificate
     */
    public RekeyResponse rekey(AuthenticatedDevice device, String csrPem) {
        DeviceCsr csr;
        try {
            csr = DeviceCsr.parse(csrPem, device.deviceId());
        } catch (InvalidCsrException e) {
            throw new ApiException(ErrorCode.DEVICE_REKEY_INVALID_CSR, e.getMessage());
        }
        RekeyAuthorisations.Authorisation authorisation = consumeRekey(device.deviceId());
        X509Certificate certificate = ca.issue(csr, device.deviceId());
        String fingerprint = DeviceCa.fingerprint(certificate);
        try {
            DeviceChange change = adminLedger.rotateDeviceKey(device.deviceId(), csr.publicKeyPem(), fingerprint);
            remember(change);
            LOG.info(
                    "device {} rotated its key in transaction {} (authorised by {})",
                    device.deviceId(),
                    change.receipt().transactionId(),
                    authorisation.authorisedBy());
            return new RekeyResponse(
                    device.deviceId(),
                    DeviceCa.pem("CERTIFICATE", der(certificate)),
                    ca.caCertificatePem(),
                    change.receipt().transactionId());
        } catch (LedgerException e) {
            restoreRekey(authorisation);
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /**
     * Reads a device's ledger history ({@code GetDeviceHistory}), newest first.
     *
     * @param user the person, who must be allowed to see the device
     * @param deviceId the device ID
     * @return the entries
     */
    public List<LedgerAuditEntry> history(ApiUser user, String deviceId) {
        access.requireReadable(user, deviceId);
        try {
            return adminLedger.history(deviceId);
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    private RekeyAuthorisations.Authorisation consumeRekey(String deviceId) {
        try {
            return rekeys.consume(deviceId, System.currentTimeMillis())
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.DEVICE_REKEY_NOT_AUTHORISED,
                            "No administrator authorised a key rotation of device " + deviceId
                                    + ", or the authorisation expired"));
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(RETRY_AFTER_SECONDS, e);
        }
    }

    private void restoreRekey(RekeyAuthorisations.Authorisation authorisation) {
        try {
            rekeys.restore(authorisation);
        } catch (SQLException e) {
            LOG.warn("key rotation authorisation of {} not restored: {}", authorisation.deviceId(), e.getMessage());
        }
    }

    private DeviceChange write(LedgerWrite write) {
        try {
            DeviceChange change = write.run();
            remember(change);
            return change;
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /** Gives the registry and the devices table the new record now, so lists and ingress see it at once. */
    private void remember(DeviceChange change) {
        registry.update(change.device());
        try {
            repository.upsert(change.device(), change.receipt().transactionId());
        } catch (SQLException e) {
            LOG.warn(
                    "devices row of {} not written now; the event listener will: {}",
                    change.device().deviceId(),
                    e.getMessage());
        }
    }

    private LedgerIdentity identity(ApiUser user) throws LedgerException {
        return identities.identityOf(user);
    }

    private static void requireAdmin(ApiUser user) {
        if (!user.is(ApiRole.ADMIN)) {
            throw new ApiException(ErrorCode.ACCESS_DENIED, "Only administrators register devices");
        }
    }

    private String newClaimToken() {
        byte[] bytes = new byte[configuration.claimTokenBytes()];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("issued certificate cannot be encoded", e);
        }
    }

    private static ApiException notFound(String deviceId) {
        return new ApiException(ErrorCode.DEVICE_NOT_FOUND, "Device " + deviceId + " does not exist");
    }

    /** A lifecycle change an admin can make. */
    enum Transition {
        /** PROVISIONED → ACTIVE ({@code ActivateDevice}). */
        ACTIVATE,
        /** ACTIVE → SUSPENDED ({@code SuspendDevice}). */
        SUSPEND,
        /** SUSPENDED → ACTIVE ({@code ReactivateDevice}). */
        REACTIVATE,
        /** SUSPENDED → DECOMMISSIONED ({@code DecommissionDevice}). */
        DECOMMISSION
    }

    /** A ledger write that may fail with a ledger error. */
    @FunctionalInterface
    private interface LedgerWrite {
        DeviceChange run() throws LedgerException;
    }
}
