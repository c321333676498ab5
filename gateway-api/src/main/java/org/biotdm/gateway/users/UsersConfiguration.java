package org.biotdm.gateway.users;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.users.*} settings: tokens, password and login rules, the encryption of users' Fabric keys
 * at rest, and where users' Fabric identities are enrolled.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param jwtSigningKey PKCS#8 PEM EC P-256 key signing access tokens (ES256, RFC 7518 §3.4); null for {@code
 *     <data-dir>/users/jwt-signing-key.pem}, generated on first start
 * @param accessTokenTtl lifetime of an access token; 15 min by default
 * @param refreshTokenTtl lifetime of a refresh token (each use rotates it); 7 days by default
 * @param keyEncryptionKey base64 of the 32-byte AES-256 key encrypting users' Fabric private keys; null for {@code
 *     <data-dir>/users/key-encryption.key}, generated on first start (development only: production supplies it)
 * @param enrollmentUrl the base URL of the organisations' Fabric CA server (Fabric CA 1.5's REST API under {@code
 *     /api/v1/}, which the dev network serves too); {@code http://127.0.0.1:7055} by default
 * @param caNames the Fabric CA name ({@code caname}) of each served organisation by MSP ID; an organisation not listed
 *     uses {@code ca-orgN} for {@code OrgNMSP}, the dev network's and {@code network/fabric}'s names
 * @param caTlsRootCert PEM file of the CA's TLS root certificate(s) when {@code enrollment-url} is HTTPS (Fabric CA's
 *     {@code ca-cert.pem}); null for the JDK's trusted roots
 * @param registrarId the enrolment ID of each organisation's registrar at its CA, whose secret is the organisation's
 *     registrar secret; {@code ca-admin} by default (the bootstrap identity of the dev network's and {@code
 *     network/fabric}'s CAs)
 * @param registrarSecretFiles properties files {@code <MSP ID>=<registrar secret>} of served organisations only (the
 *     dev network writes {@code <devnet>/registrars/<MSP ID>.properties}, one per organisation); read once at startup
 *     by {@link RegistrarSecrets}, which refuses a secret of an organisation this gateway does not serve
 * @param registrarSecrets registrar secrets by MSP ID, of served organisations only, taking precedence over the files
 * @param organisations the MSP IDs whose people this gateway serves; empty for the organisation of its own ledger
 *     identity ({@code biotdm.ledger.msp-id})
 * @param passwordMinLength the shortest password accepted, in characters, at least 8; 12 by default
 * @param loginAttemptsPerUsername failed logins per username allowed per {@code login-window} before 429; 5 by default
 * @param loginAttemptsPerAddress failed logins per client address allowed per {@code login-window} before 429; 30 by default
 * @param loginWindow the login throttling window; 1 min by default
 * @param bootstrapTokenTtl how long a first-admin bootstrap token stays valid; 24 h by default
 * @param tokenStateTtl how long an instance may rely on a person's cached state (enabled, role, token version) when
 *     checking their access tokens, and how often it looks for people revoked through other instances: the longest a
 *     disabled person keeps access on another instance; 5 s by default
 */
@Context
@ConfigurationProperties("biotdm.users")
public record UsersConfiguration(
        @Nullable Path jwtSigningKey,
        @NotNull @DurationMin(1) Duration accessTokenTtl,
        @NotNull @DurationMin(1) Duration refreshTokenTtl,
        @Nullable String keyEncryptionKey,
        @NotNull URI enrollmentUrl,
        @Nullable Map<String, String> caNames,
        @Nullable Path caTlsRootCert,
        @NotBlank String registrarId,
        @Nullable List<Path> registrarSecretFiles,
        @Nullable Map<String, String> registrarSecrets,
        @Nullable List<String> organisations,
        @Min(8) int passwordMinLength,
        @Min(1) int loginAttemptsPerUsername,
        @Min(1) int loginAttemptsPerAddress,
        @NotNull @DurationMin(1) Duration loginWindow,
        @NotNull @DurationMin(1) Duration bootstrapTokenTtl,
        @NotNull @DurationMin(1) Duration tokenStateTtl) {

    /**
     * Copies the collections; an absent one is empty.
     *
     * <p>Defaults are in {@code application.yml}; the record is created at startup
     * ({@code @Context}), so a missing or out-of-range setting stops it.
     *
     * @param jwtSigningKey see the record description
     * @param accessTokenTtl see the record description
     * @param refreshTokenTtl see the record description
     * @param keyEncryptionKey see the record description
     * @param enrollmentUrl see the record description
     * @param caNames see the record description
     * @param caTlsRootCert see the record description
     * @param registrarId see the record description
     * @param registrarSecretFiles see the record description
     * @param registrarSecrets see the record description
     * @param organisations see the record description
     * @param passwordMinLength see the record description
     * @param loginAttemptsPerUsername see the record description
     * @param loginAttemptsPerAddress see the record description
     * @param loginWindow see the record description
     * @param bootstrapTokenTtl see the record description
     * @param tokenStateTtl see the record description
     */
    public UsersConfiguration {
        registrarSecretFiles = registrarSecretFiles == null ? List.of() : List.copyOf(registrarSecretFiles);
        caNames = caNames == null ? Map.of() : Map.copyOf(caNames);
        registrarSecrets = registrarSecrets == null ? Map.of() : Map.copyOf(registrarSecrets);
        organisations = organisations == null ? List.of() : List.copyOf(organisations);
    }
}
