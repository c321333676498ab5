package org.biotdm.gateway.ingress;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Turns a device's verified TLS client certificate into the {@link AuthenticatedDevice}, the same way for every device
 * transport: the HTTPS device port ({@link DeviceAuthenticationFilter}) and the MQTT port ({@code mqtt/}).
 *
 * <p>The TLS handshake has already verified the certificate chain against the trusted device CAs. The device ID is the
 * subject's single CN (the device CA issues {@code CN=<deviceId>}); the device is looked up in the {@link
 * DeviceRegistry}, and the lowercase hex SHA-256 of the certificate's DER encoding is compared with the registered
 * {@code certFingerprint}. Refusals, checked in this order:
 *
 * <ul>
 *   <li>{@code DEVICE_CERT_REQUIRED}: no client certificate, or no usable CN;
 *   <li>{@code SERVICE_UNAVAILABLE}: this instance has no device registry;
 *   <li>{@code DEVICE_UNKNOWN}: the registry has no such device;
 *   <li>{@code DEVICE_CERT_MISMATCH}: the certificate is not the one registered (revoked by rotation, or another
 *       certificate for the same CN);
 *   <li>{@code DEVICE_NOT_ACTIVE}: the device is PROVISIONED, SUSPENDED or DECOMMISSIONED.
 * </ul>
 *
 * A refusal for mismatch or status is decided on the ledger's record, not only the cached one: the registry is asked
 * to re-read the device first (at most once per device per {@code biotdm.ledger.device-negative-ttl}), because after a
 * restart the cache may be behind the ledger until the event listener has caught up. A registry miss may read the
 * ledger or the database, so callers run it off the event loop.
 */
@Singleton
public class DeviceAuthenticator {
    private static final HexFormat HEX = HexFormat.of();

    private final BeanProvider<DeviceRegistry> registry;

    /**
     * Creates the authenticator.
     *
     * @param registry the device registry (an instance without one refuses with {@code SERVICE_UNAVAILABLE})
     */
    public DeviceAuthenticator(BeanProvider<DeviceRegistry> registry) {
        this.registry = registry;
    }

    /**
     * Authenticates the device presenting a certificate. Blocks on a registry miss.
     *
     * @param presented the client certificate the TLS handshake verified, or null when none was presented
     * @return the device: registered, ACTIVE, presenting its registered certificate
     * @throws ApiException {@code DEVICE_CERT_REQUIRED}, {@code SERVICE_UNAVAILABLE}, {@code DEVICE_UNKNOWN}, {@code
     *     DEVICE_CERT_MISMATCH} or {@code DEVICE_NOT_ACTIVE}
     */
    public AuthenticatedDevice authenticate(@Nullable Certificate presented) {
        if (!(presented instanceof X509Certificate certificate)) {
            throw ErrorCode.DEVICE_CERT_REQUIRED.error("A device client certificate is required");
        }
        String deviceId = commonName(certificate);
        if (deviceId == null) {
            throw ErrorCode.DEVICE_CERT_REQUIRED.error(
                    "The client certificate's subject must have exactly one CN, the device ID");
        }
        if (!registry.isPresent()) {
            throw ErrorCode.SERVICE_UNAVAILABLE.error("No device registry is configured");
        }
        String fingerprint = fingerprint(certificate);
        Optional<DeviceRecord> record = registry.get().find(deviceId);
        ApiException refusal = refusal(deviceId, record, fingerprint);
        if (refusal != null && record.isPresent()) {
            // The cached record may be behind the ledger (a restart before the event listener caught up): ask again
            // before refusing.
            record = registry.get().revalidate(deviceId);
            refusal = refusal(deviceId, record, fingerprint);
        }
        if (refusal != null) {
            throw refusal;
        }
        return new AuthenticatedDevice(deviceId, record.get(), fingerprint);
    }

    /**
     * Decides whether a device authenticated earlier is still admitted under its current registry record, for a
     * transport that holds connections open (the ledger may suspend the device or rotate its certificate meanwhile).
     *
     * @param device the device as authenticated when it connected
     * @param current its record now, or empty when the registry no longer has it
     * @return the refusal ({@code DEVICE_UNKNOWN}, {@code DEVICE_CERT_MISMATCH}, {@code DEVICE_NOT_ACTIVE}), or empty
     *     when the device is still admitted
     */
    public static Optional<ApiException> stillAdmitted(AuthenticatedDevice device, Optional<DeviceRecord> current) {
        return Optional.ofNullable(refusal(device.deviceId(), current, device.certFingerprint()));
    }

    /** Returns the refusal of the device on this record, or null when the record admits it. */
    private static ApiException refusal(String deviceId, Optional<DeviceRecord> record, String fingerprint) {
        if (record.isEmpty()) {
            return ErrorCode.DEVICE_UNKNOWN.error("No device " + deviceId + " is registered");
        }
        if (fingerprint == null || !fingerprint.equalsIgnoreCase(record.get().certFingerprint())) {
            return ErrorCode.DEVICE_CERT_MISMATCH.error(
                    "The client certificate is not the one registered for device " + deviceId);
        }
        if (record.get().status() != DeviceStatus.ACTIVE) {
            return ErrorCode.DEVICE_NOT_ACTIVE.error(
                    "Device " + deviceId + " is " + record.get().status());
        }
        return null;
    }

    /**
     * Returns the single CN of a certificate's subject.
     *
     * @param certificate the certificate
     * @return the CN, or null when there is none or more than one
     */
    static String commonName(X509Certificate certificate) {
        RDN[] cns = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
        if (cns.length != 1 || cns[0].isMultiValued()) {
            return null;
        }
        String cn = IETFUtils.valueToString(cns[0].getFirst().getValue());
        return cn.isEmpty() ? null : cn;
    }

    /**
     * Returns the fingerprint the ledger registers for a certificate.
     *
     * @param certificate the certificate
     * @return lowercase hex SHA-256 of its DER encoding, or null when it cannot be encoded
     */
    static String fingerprint(X509Certificate certificate) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
