package org.biotdm.gateway.provisioning;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.provisioning.*} settings: the device CA's PKCS#12 keystore, whether a development CA may be
 * generated when it is missing, the validity of device certificates, and the metadata entry that carries a claim
 * token's expiry.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param caKeystore the PKCS#12 keystore holding the device CA's private key and certificate; the path, or null for
 *     {@code ${biotdm.data-dir}/device-ca.p12}
 * @param caKeystorePassword the keystore's password (also the key entry's password); the password; {@code changeit} by
 *     default, which only suits development
 * @param caKeyAlias the alias of the CA's key entry; when the keystore has no entry of that name, its only key entry is
 *     used; {@code device-ca} by default
 * @param generateCa whether a missing keystore is created with a new self-signed P-256 CA (development); when false, a
 *     missing keystore stops the service at startup; true by default
 * @param certificateValidity how long issued device certificates are valid (never beyond the CA certificate); one year
 *     by default
 * @param generatedCaValidity the validity of a generated development CA certificate; ten years by default
 * @param claimExpiryMetadata the name of the device metadata entry in which an administrator may set the claim token's
 *     expiry, as epoch milliseconds, when registering a device for zero-touch provisioning; {@code claimTokenExpiresAt}
 *     by default
 */
@Context
@ConfigurationProperties("biotdm.provisioning")
public record ProvisioningConfiguration(
        @Nullable Path caKeystore,
        @NotNull String caKeystorePassword,
        @NotBlank String caKeyAlias,
        boolean generateCa,
        @NotNull @DurationMin(1) Duration certificateValidity,
        @NotNull @DurationMin(1) Duration generatedCaValidity,
        @NotBlank String claimExpiryMetadata) {}
