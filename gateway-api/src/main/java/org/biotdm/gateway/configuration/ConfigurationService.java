package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.command.CommandsConfiguration;
import org.biotdm.gateway.command.JsonTrees;
import org.biotdm.gateway.command.ReservedCommandIssuer;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;
import org.biotdm.protocol.json.CanonicalJson;

/**
 * Sets and shows devices' configurations (docs/configuration.md).
 *
 * <p>Setting one: the admin's device check, the document's canonical JSON and its size, the optional base version
 * against the ledger's current version, then {@code SetDesiredConfiguration} signed by the admin's own Fabric identity,
 * which also issues the {@code configuration} command (through {@link ReservedCommandIssuer}, so the device
 * receives it like any command). The document and the ledger's record are then stored in MariaDB.
 */
@Singleton
final class ConfigurationService {
    /** Largest configuration document, UTF-8 bytes of its canonical JSON (the chaincode's limit too). */
    public static final int MAX_DOCUMENT_BYTES = 4096;

    /** The reserved command type that carries a configuration (the chaincode's {@code ReservedCommands}). */
    public static final String COMMAND_TYPE = "configuration";

    private static final long DB_RETRY_AFTER = 5;
    private static final long EXPIRY_MARGIN_MILLIS = 60_000;

    private final DeviceAccess access;
    private final ReservedCommandIssuer commands;
    private final CommandsConfiguration commandSettings;
    private final ConfigurationLedger ledger;
    private final ConfigurationRepository repository;
    private final UserLedgerIdentities identities;
    private final ConfigurationEvents events;
    private final ObjectMapper json;

    /**
     * Creates the service.
     *
     * @param access who may see and administer which device
     * @param commands issues the configuration command
     * @param commandSettings the longest command expiry
     * @param ledger the configuration contract
     * @param repository the configuration tables
     * @param identities the people's own Fabric identities
     * @param events announces changes
     * @param json parses stored documents
     */
    public ConfigurationService(
            DeviceAccess access,
            ReservedCommandIssuer commands,
            CommandsConfiguration commandSettings,
            ConfigurationLedger ledger,
            ConfigurationRepository repository,
            UserLedgerIdentities identities,
            ConfigurationEvents events,
            ObjectMapper json) {
        this.access = access;
        this.commands = commands;
        this.commandSettings = commandSettings;
        this.ledger = ledger;
        this.repository = repository;
        this.identities = identities;
        this.events = events;
        this.json = json;
    }

    /**
     * Sets a device's next desired configuration and sends it to the device.
     *
     * @param user an admin of the device's owner organisation
     * @param deviceId the device
     * @param request the document and the optional base version
     * @return the new desired configuration
     * @throws ApiException 400 {@code INVALID_ARGUMENT} (not a JSON object, too deep, a number out of range); 413
     *     {@code CONFIGURATION_TOO_LARGE}; 404 {@code DEVICE_NOT_FOUND}; 403 {@code DEVICE_ACCESS_DENIED}, {@code
     *     DEVICE_NOT_ACTIVE}; 409 {@code CONFIGURATION_VERSION_STALE}; 503 {@code LEDGER_UNAVAILABLE}, {@code
     *     DATABASE_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    public DesiredConfigurationResponse setDesired(ApiUser user, String deviceId, SetConfigurationRequest request) {
        DeviceRecord device = access.requireAdministrable(user, deviceId);
        String document = canonical(request.configuration());
        long current = currentVersion(deviceId);
        if (request.baseVersion() != null && request.baseVersion() != current) {
            throw new ApiException(
                    ErrorCode.CONFIGURATION_VERSION_STALE,
                    "The desired configuration is at version " + current + ", not " + request.baseVersion());
        }
        AtomicReference<ConfigurationLedger.Written> written = new AtomicReference<>();
        commands.issue(
                user,
                device,
                "cfg-" + UUID.randomUUID(),
                COMMAND_TYPE,
                document,
                System.currentTimeMillis() + commandSettings.maxExpiry().toMillis() - EXPIRY_MARGIN_MILLIS,
                row -> {
                    written.set(ledger.setDesired(
                            identities.identityOf(user),
                            deviceId,
                            current + 1,
                            row.parametersSha256(),
                            document.getBytes(StandardCharsets.UTF_8).length,
                            row.commandId(),
                            row.expiresAt()));
                    return written.get().command();
                });
        String transactionId = written.get().transactionId();
        ConfigurationRow row = database(() -> {
            repository.recordDesired(written.get().configuration(), document, user.username(), transactionId);
            return repository.find(deviceId).orElseThrow();
        });
        events.changed("desired", row, transactionId);
        return desiredOf(row);
    }

    /**
     * Returns a device's desired configuration with its document.
     *
     * @param user a person who may see the device
     * @param deviceId the device
     * @return the desired configuration
     * @throws ApiException 404 {@code DEVICE_NOT_FOUND}, {@code CONFIGURATION_NOT_FOUND}; 403 {@code
     *     DEVICE_ACCESS_DENIED}; 503 {@code DATABASE_UNAVAILABLE}
     */
    public DesiredConfigurationResponse desired(ApiUser user, String deviceId) {
        return desiredOf(row(user, deviceId));
    }

    /**
     * Returns a device's configuration state: desired, reported and drift.
     *
     * @param user a person who may see the device
     * @param deviceId the device
     * @return the state
     * @throws ApiException 404 {@code DEVICE_NOT_FOUND}, {@code CONFIGURATION_NOT_FOUND}; 403 {@code
     *     DEVICE_ACCESS_DENIED}; 503 {@code DATABASE_UNAVAILABLE}
     */
    public ConfigurationResponse state(ApiUser user, String deviceId) {
        return ConfigurationResponse.of(row(user, deviceId));
    }

    /**
     * Lists the drifting devices of the person's organisation, by device ID.
     *
     * @param user an admin or auditor
     * @param cursor the previous page's {@code nextCursor}, or null
     * @param limit the page size, 1–200, default 50
     * @return the page
     * @throws ApiException 400 {@code INVALID_ARGUMENT} (cursor); 503 {@code DATABASE_UNAVAILABLE}
     */
    public DriftPage drifting(ApiUser user, @Nullable String cursor, @Nullable Integer limit) {
        if (cursor != null && !cursor.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw ApiException.invalid("cursor", "cursor must be a device ID from nextCursor");
        }
        int size = limit == null ? 50 : limit;
        List<ConfigurationRow> rows = database(() -> repository.drifting(user.mspId(), cursor, size + 1));
        List<ConfigurationResponse> page =
                rows.stream().limit(size).map(ConfigurationResponse::of).toList();
        return new DriftPage(page, rows.size() > size ? page.get(size - 1).deviceId() : null);
    }

    private ConfigurationRow row(ApiUser user, String deviceId) {
        access.requireReadable(user, deviceId);
        return database(() -> repository.find(deviceId))
                .orElseThrow(() -> new ApiException(
                        ErrorCode.CONFIGURATION_NOT_FOUND, "No configuration was ever set for device " + deviceId));
    }

    private long currentVersion(String deviceId) {
        try {
            return ledger.get(deviceId).map(c -> c.desired().version()).orElse(0L);
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    private DesiredConfigurationResponse desiredOf(ConfigurationRow row) {
        return new DesiredConfigurationResponse(
                row.deviceId(),
                row.desiredVersion(),
                row.desiredJson() == null ? null : parse(row.desiredJson()),
                row.desiredSha256(),
                row.desiredCommandId(),
                row.desiredSetBy(),
                row.desiredAt(),
                row.desiredTxId());
    }

    private JsonNode parse(String text) {
        try {
            return json.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored configuration is unreadable", e);
        }
    }

    /**
     * Writes a configuration document canonically ({@code biotdm-json-v1}) within the size limit.
     *
     * @param document the document
     * @return the canonical text
     * @throws ApiException 400 {@code INVALID_ARGUMENT} when not a JSON object, too deep or holding a number out of
     *     range; 413 {@code CONFIGURATION_TOO_LARGE} over {@value #MAX_DOCUMENT_BYTES} bytes
     */
    static String canonical(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw ApiException.invalid("body.configuration", "configuration must be a JSON object");
        }
        String text;
        try {
            text = CanonicalJson.write(JsonTrees.plain(document));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("body.configuration", "configuration: " + e.getMessage());
        }
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_DOCUMENT_BYTES) {
            throw new ApiException(
                    ErrorCode.CONFIGURATION_TOO_LARGE,
                    "The configuration is " + size + " bytes as canonical JSON; at most " + MAX_DOCUMENT_BYTES);
        }
        return text;
    }

    private static <T> T database(Supplier<T> call) {
        try {
            return call.get();
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(DB_RETRY_AFTER, e);
        }
    }
}
