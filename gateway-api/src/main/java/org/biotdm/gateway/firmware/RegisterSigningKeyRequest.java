package org.biotdm.gateway.firmware;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/firmware/signing-keys}. Unknown fields are refused.
 *
 * @param publicKeyPem the manufacturer's firmware-signing P-256 public key, PEM {@code PUBLIC KEY} (never a TLS or
 *     device key), at most 1024 characters
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record RegisterSigningKeyRequest(@NotBlank @Size(max = 1024) String publicKeyPem) {}
