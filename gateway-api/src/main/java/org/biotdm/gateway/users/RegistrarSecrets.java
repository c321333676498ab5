package org.biotdm.gateway.users;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organisations this gateway serves and their enrolment registrars' secrets, loaded once at startup.
 *
 * <p>A gateway serves the MSPs in {@code biotdm.users.organisations}, or, when that is empty, the organisation of its
 * own ledger identity ({@code biotdm.ledger.msp-id}). It loads registrar secrets from {@code
 * biotdm.users.registrar-secrets} ({@code <MSP ID>: <secret>}) and from each of {@code
 * biotdm.users.registrar-secret-files} (properties files {@code <MSP ID>=<secret>}; the dev network writes one per
 * organisation, {@code <devnet>/registrars/<MSP ID>.properties}, owner-only). A secret of an organisation the gateway
 * does not serve stops the startup: a gateway must not hold what would let it enrol identities of another
 * organisation. A listed file that does not exist yet is skipped (enrolment into its organisation then fails with a
 * clear message). Created at startup ({@code @Context}), so a refused configuration stops it; secrets are never
 * logged.
 */
@Context
public class RegistrarSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrarSecrets.class);

    private final List<String> organisations;
    private final Map<String, String> secrets;

    /**
     * Loads the served organisations' secrets from the settings.
     *
     * @param users the users settings (served organisations, inline secrets and secret files)
     * @param ledger the ledger settings, whose MSP ID is the default organisation
     * @throws ConfigurationException when a secret belongs to an organisation this gateway does not serve, or a file
     *     cannot be read
     */
    @Inject
    public RegistrarSecrets(UsersConfiguration users, LedgerConfiguration ledger) {
        this(served(users.organisations(), ledger.mspId()), users.registrarSecrets(), users.registrarSecretFiles());
    }

    /**
     * Loads the secrets of the given organisations.
     *
     * @param organisations the MSP IDs this gateway serves
     * @param inline secrets by MSP ID, from the settings
     * @param files properties files {@code <MSP ID>=<secret>}
     * @throws ConfigurationException when a secret belongs to an organisation not in {@code organisations}, or a file
     *     cannot be read
     */
    RegistrarSecrets(List<String> organisations, Map<String, String> inline, List<Path> files) {
        this.organisations = List.copyOf(organisations);
        Map<String, String> loaded = new LinkedHashMap<>();
        for (Path file : files) {
            read(file).forEach((msp, secret) -> loaded.put(requireServed(msp, "the file " + file), secret));
        }
        inline.forEach((msp, secret) -> loaded.put(requireServed(msp, "biotdm.users.registrar-secrets"), secret));
        loaded.values().removeIf(String::isBlank);
        this.secrets = Map.copyOf(loaded);
        LOG.info("Serving the people of {}; registrar secrets loaded for {}", this.organisations, secrets.keySet());
    }

    /**
     * Lists the organisations this gateway serves, in configuration order.
     *
     * @return the MSP IDs; empty when neither {@code biotdm.users.organisations} nor {@code biotdm.ledger.msp-id} is
     *     set
     */
    public List<String> organisations() {
        return organisations;
    }

    /**
     * Returns a served organisation's registrar secret.
     *
     * @param mspId the MSP ID
     * @return the secret, or empty when the organisation is not served or has no secret configured
     */
    public Optional<String> secret(String mspId) {
        return Optional.ofNullable(mspId == null ? null : secrets.get(mspId));
    }

    private static List<String> served(List<String> configured, @Nullable String ledgerMspId) {
        if (!configured.isEmpty()) {
            return configured;
        }
        return ledgerMspId == null || ledgerMspId.isBlank() ? List.of() : List.of(ledgerMspId);
    }

    private String requireServed(String mspId, String source) {
        if (!organisations.contains(mspId)) {
            throw new ConfigurationException(source + " holds the registrar secret of " + mspId
                    + ", which this gateway does not serve (it serves " + organisations
                    + ": biotdm.users.organisations,"
                    + " by default biotdm.ledger.msp-id). Give each gateway only the secrets of its own organisations"
                    + " (the dev network writes one file per organisation), or add " + mspId
                    + " to biotdm.users.organisations.");
        }
        return mspId;
    }

    private static Map<String, String> read(Path file) {
        if (!Files.exists(file)) {
            LOG.warn("Registrar secret file {} does not exist; its organisation's people cannot be enrolled", file);
            return Map.of();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("Cannot read the registrar secret file " + file + ": " + e.getMessage());
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        properties.stringPropertyNames().stream()
                .sorted()
                .forEach(msp -> secrets.put(msp, properties.getProperty(msp)));
        return secrets;
    }
}
