package org.biotdm.gateway.ingress;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
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
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.ErrorResponses;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Requires a verified client certificate on every {@code /device/v1/**} route except {@code POST
 * /device/v1/provision}, and turns it into the {@link AuthenticatedDevice} request attribute.
 *
 * <p>The TLS handshake has already verified the certificate chain against the trusted device CAs. This filter then
 * takes the device ID from the subject's single CN (the device CA issues {@code CN=<deviceId>}), looks the device up
 * in the {@link DeviceRegistry}, and compares the lowercase hex SHA-256 of the certificate's DER encoding with the
 * registered {@code certFingerprint}. Answers, checked in this order:
 *
 * <ul>
 *   <li>401 {@code DEVICE_CERT_REQUIRED}: no client certificate, or no usable CN;
 *   <li>403 {@code DEVICE_UNKNOWN}: the registry has no such device;
 *   <li>403 {@code DEVICE_CERT_MISMATCH}: the certificate is not the one registered (revoked by rotation, or another
 *       certificate for the same CN);
 *   <li>403 {@code DEVICE_NOT_ACTIVE}: the device is PROVISIONED, SUSPENDED or DECOMMISSIONED.
 * </ul>
 *
 * A refusal for mismatch or status is decided on the ledger's record, not only the cached one: the registry is asked
 * to re-read the device first (at most once per device per {@code biotdm.ledger.device-negative-ttl}), because after a
 * restart the cache may be behind the ledger until the event listener has caught up.
 *
 * <p>It runs on the blocking executor because a registry miss may read the ledger or the database.
 */
@ServerFilter("/device/v1/**")
public class DeviceAuthenticationFilter implements Ordered {
    private static final String PROVISION = "/device/v1/provision";
    private static final HexFormat HEX = HexFormat.of();

    private final BeanProvider<DeviceRegistry> registry;

    /**
     * Creates the filter.
     *
     * @param registry the device registry (an instance without one answers 503 {@code SERVICE_UNAVAILABLE})
     */
    public DeviceAuthenticationFilter(BeanProvider<DeviceRegistry> registry) {
        this.registry = registry;
    }

    /**
     * Authenticates the device.
     *
     * @param request the request
     * @return an error response, or null to continue with the {@link AuthenticatedDevice} attribute set
     */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String path = request.getPath();
        if (PROVISION.equals(path) || path.startsWith(PROVISION + "/")) {
            return null;
        }
        Optional<Certificate> presented = request.getCertificate();
        if (presented.isEmpty() || !(presented.get() instanceof X509Certificate certificate)) {
            return deny(ErrorCode.DEVICE_CERT_REQUIRED, "A device client certificate is required");
        }
        String deviceId = commonName(certificate);
        if (deviceId == null) {
            return deny(
                    ErrorCode.DEVICE_CERT_REQUIRED,
                    "The client certificate's subject must have exactly one CN, the device ID");
        }
        if (!registry.isPresent()) {
            return deny(ErrorCode.SERVICE_UNAVAILABLE, "No device registry is configured");
        }
        String fingerprint = fingerprint(certificate);
        Optional<DeviceRecord> record = registry.get().find(deviceId);
        HttpResponse<?> refusal = refusal(deviceId, record, fingerprint);
        if (refusal != null && record.isPresent()) {
            // The cached record may be behind the ledger (a restart before the event listener caught up): ask again
            // before refusing.
            record = registry.get().revalidate(deviceId);
            refusal = refusal(deviceId, record, fingerprint);
        }
        if (refusal != null) {
            return refusal;
        }
        request.setAttribute(
                AuthenticatedDevice.ATTRIBUTE, new AuthenticatedDevice(deviceId, record.get(), fingerprint));
        return null;
    }

    /** Returns the answer refusing the device on this record, or null when the record admits it. */
    private static HttpResponse<?> refusal(String deviceId, Optional<DeviceRecord> record, String fingerprint) {
        if (record.isEmpty()) {
            return deny(ErrorCode.DEVICE_UNKNOWN, "No device " + deviceId + " is registered");
        }
        if (fingerprint == null || !fingerprint.equalsIgnoreCase(record.get().certFingerprint())) {
            return deny(
                    ErrorCode.DEVICE_CERT_MISMATCH,
                    "The client certificate is not the one registered for device " + deviceId);
        }
        if (record.get().status() != DeviceStatus.ACTIVE) {
            return deny(
                    ErrorCode.DEVICE_NOT_ACTIVE,
                    "Device " + deviceId + " is " + record.get().status());
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
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

    private static HttpResponse<?> deny(ErrorCode code, String message) {
        return ErrorResponses.of(code, message);
    }
}
