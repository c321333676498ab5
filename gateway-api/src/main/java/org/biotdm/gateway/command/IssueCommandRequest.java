package org.biotdm.gateway.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.biotdm.gateway.error.InputRules;

/**
 * The body of {@code POST /api/v1/commands}. Unknown fields are refused.
 *
 * @param commandId the client-chosen command ID, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}; repeating a request with
 *     the same ID and content is safe (the existing command is returned), the same ID with other content is 409
 *     {@code COMMAND_EXISTS}
 * @param deviceId the target device
 * @param commandType the command type, same pattern as IDs (what grants list in {@code commandTypes})
 * @param parameters a JSON object, stored off-chain; the ledger gets the SHA-256 of its canonical text
 *     ({@link org.biotdm.protocol.json.CanonicalJson}); absent means {@code {}}
 * @param expiresIn seconds until expiry, 1 to 86400; not together with {@code expiresAt}
 * @param expiresAt expiry, epoch ms, after now and at most 24 h ahead; not together with {@code expiresIn}. Neither:
 *     {@code biotdm.commands.default-expiry} (1 h)
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record IssueCommandRequest(
        @Nullable @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String commandId,
        @Nullable @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId,
        @Nullable @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String commandType,
        @Nullable JsonNode parameters,
        @Nullable @Positive Long expiresIn,
        @Nullable @Positive Long expiresAt) {}
