package org.biotdm.gateway.firmware;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A manufacturer's firmware-signing key as the chaincode's {@code ListFirmwareSigningKeys} returns it.
 *
 * @param manufacturerMsp the manufacturer's MSP ID
 * @param keyId SHA-256 of the key's DER SubjectPublicKeyInfo, lower-case hex
 * @param publicKeyPem the P-256 public key, PEM
 * @param registeredAt when it was registered, epoch ms
 * @param revoked whether it is revoked
 * @param revocationReason why, or null
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record LedgerSigningKey(
        String manufacturerMsp,
        String keyId,
        String publicKeyPem,
        long registeredAt,
        boolean revoked,
        @Nullable String revocationReason) {}
