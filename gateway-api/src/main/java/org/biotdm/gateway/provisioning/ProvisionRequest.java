package org.biotdm.gateway.provisioning;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /device/v1/provision}.
 *
 * @param deviceId the device ID the administrator registered, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
 * @param claimToken the one-time claim token; its UTF-8 bytes (16–256) are what the administrator hashed with SHA-256
 *     into {@code claimTokenSha256}
 * @param csr a PEM PKCS#10 request for the device's P-256 key with subject CN = deviceId, signed with ECDSA/SHA-256
 */
@Serdeable
public record ProvisionRequest(@Nullable String deviceId, @Nullable String claimToken, @Nullable String csr) {

    @Override
    public String toString() {
        // The claim token is a secret: keep it out of logs.
        return "ProvisionRequest[deviceId=" + deviceId + "]";
    }
}
