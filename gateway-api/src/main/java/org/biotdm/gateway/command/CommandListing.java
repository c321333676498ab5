package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * Lists commands, newest first, showing each person only commands to devices {@link DeviceAccess#canRead} lets them
 * see. Admins and auditors are narrowed to their organisation's devices in SQL; every row is checked with {@code
 * canRead} as well, scanning ahead at most {@value #MAX_SCANNED_PAGES} pages for one page of visible commands (the
 * cursor then points past what was scanned, so paging continues where the scan stopped).
 */
@Singleton
final class CommandListing {
    private static final int MAX_SCANNED_PAGES = 10;
    private static final int DEFAULT_LIMIT = 50;

    private final CommandsConfiguration configuration;
    private final CommandRepository repository;
    private final CommandService commands;
    private final DeviceAccess access;
    private final DeviceRegistry registry;

    /**
     * Creates the listing.
     *
     * @param configuration the command settings (largest page)
     * @param repository the {@code commands} table
     * @param commands turns rows into responses
     * @param access who may see which device
     * @param registry the device registry, for {@code canRead}
     */
    public CommandListing(
            CommandsConfiguration configuration,
            CommandRepository repository,
            CommandService commands,
            DeviceAccess access,
            DeviceRegistry registry) {
        this.configuration = configuration;
        this.repository = repository;
        this.commands = commands;
        this.access = access;
        this.registry = registry;
    }

    /**
     * Returns one page of commands.
     *
     * @param user the person
     * @param deviceId only this device, or null
     * @param state only this state, or null
     * @param cursor the previous page's {@code nextCursor}, or null
     * @param limit the page size, 1 to {@code biotdm.commands.max-page-size} (checked at the API's edge, {@code
     *     AtMostSetting}); null for 50 or the maximum if smaller
     * @return the page
     * @throws ApiException 400 {@code INVALID_ARGUMENT}; 404 {@code DEVICE_NOT_FOUND} / 403 {@code
     *     DEVICE_ACCESS_DENIED} for a {@code deviceId} the person may not see; 503 {@code DATABASE_UNAVAILABLE}
     */
    public CommandPage list(
            ApiUser user,
            @Nullable String deviceId,
            @Nullable String state,
            @Nullable String cursor,
            @Nullable Integer limit) {
        int size = limit == null ? Math.min(DEFAULT_LIMIT, configuration.maxPageSize()) : limit;
        CommandState wanted = parseState(state);
        if (deviceId != null) {
            access.requireReadable(user, deviceId);
        }
        String ownerMsp = user.is(ApiRole.OPERATOR) ? null : user.mspId();
        Cursor after = Cursor.decode(cursor);
        try {
            return scan(user, deviceId, ownerMsp, wanted, after, size);
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(5, e);
        }
    }

    private CommandPage scan(
            ApiUser user, String deviceId, String ownerMsp, CommandState state, Cursor after, int size) {
        List<CommandResponse> visible = new ArrayList<>(size);
        Map<String, Boolean> readable = new HashMap<>();
        Cursor position = after;
        for (int scanned = 0; scanned < MAX_SCANNED_PAGES; scanned++) {
            List<CommandRecord> rows = repository.page(
                    new CommandRepository.CommandFilter(
                            deviceId,
                            ownerMsp,
                            state,
                            position == null ? null : position.createdAt(),
                            position == null ? null : position.commandId()),
                    size + 1);
            for (int i = 0; i < Math.min(rows.size(), size); i++) {
                CommandRecord row = rows.get(i);
                position = new Cursor(row.createdAt(), row.commandId());
                if (readable.computeIfAbsent(row.deviceId(), id -> canRead(user, id))) {
                    visible.add(commands.toResponse(row));
                    if (visible.size() == size) {
                        return new CommandPage(visible, rows.size() > i + 1 ? position.encode() : null);
                    }
                }
            }
            if (rows.size() <= size) {
                return new CommandPage(visible, null);
            }
        }
        return new CommandPage(visible, position == null ? null : position.encode());
    }

    private boolean canRead(ApiUser user, String deviceId) {
        Optional<DeviceRecord> device = registry.find(deviceId);
        return device.isPresent() && access.canRead(user, device.get());
    }

    private static CommandState parseState(String state) {
        if (state == null) {
            return null;
        }
        try {
            CommandState parsed = CommandState.valueOf(state);
            if (parsed != CommandState.ISSUING) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw ApiException.invalid("state", "state must be ISSUED, DELIVERED, SUCCEEDED, FAILED, REJECTED or EXPIRED");
    }

    /** A position in the newest-first order: base64url of {@code <createdAt>:<commandId>}. */
    record Cursor(long createdAt, String commandId) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((createdAt + ":" + commandId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String text) {
            if (text == null) {
                return null;
            }
            try {
                String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int colon = plain.indexOf(':');
                String commandId = plain.substring(colon + 1);
                if (colon < 1 || !CommandService.ID.matcher(commandId).matches()) {
                    throw ApiException.invalid("cursor", "cursor is not one this API returned");
                }
                return new Cursor(Long.parseLong(plain.substring(0, colon)), commandId);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("cursor", "cursor is not one this API returned");
            }
        }
    }
}
