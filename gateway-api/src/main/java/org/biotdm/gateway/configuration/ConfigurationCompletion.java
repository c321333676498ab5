package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.biotdm.gateway.command.CommandLedger;
import org.biotdm.gateway.command.CommandRecord;
import org.biotdm.gateway.command.CommandState;
import org.biotdm.gateway.command.ReservedCompletion;
import org.biotdm.gateway.ledger.LedgerException;

/**
 * Completes {@code configuration} commands: once {@code CommandReceipts} has verified the device's receipt, submits
 * {@code ReportConfiguration} (which verifies it again on-chain and records the report), then mirrors the report in
 * MariaDB and announces it live. A {@code FAILED} or {@code REJECTED} result of the form {@code {"code":"…",…}}
 * names the device's refusal code ({@code [A-Z][A-Z0-9_]{0,63}}); the result is covered by the receipt's signature,
 * since the gateway hashed it to the {@code resultSha256} the device signed.
 */
@Singleton
final class ConfigurationCompletion implements ReservedCompletion {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final ConfigurationLedger ledger;
    private final ConfigurationRepository repository;
    private final ConfigurationEvents events;
    private final ObjectMapper json;

    /**
     * Creates the completion.
     *
     * @param ledger the configuration contract
     * @param repository the configuration tables
     * @param events announces the report
     * @param json reads the device's result
     */
    public ConfigurationCompletion(
            ConfigurationLedger ledger,
            ConfigurationRepository repository,
            ConfigurationEvents events,
            ObjectMapper json) {
        this.ledger = ledger;
        this.repository = repository;
        this.events = events;
        this.json = json;
    }

    @Override
    public String commandType() {
        return ConfigurationService.COMMAND_TYPE;
    }

    @Override
    public CommandLedger.Written complete(
            CommandRecord command,
            CommandState status,
            String resultSha256,
            String signature,
            @Nullable String resultJson)
            throws LedgerException {
        String code = status == CommandState.SUCCEEDED ? null : refusalCode(resultJson);
        ConfigurationLedger.Written written =
                ledger.report(command.deviceId(), command.commandId(), status, resultSha256, signature, code);
        if (repository.recordReport(written.configuration(), written.transactionId())) {
            repository
                    .find(command.deviceId())
                    .ifPresent(row -> events.changed("reported", row, written.transactionId()));
        }
        return written.command();
    }

    /**
     * Reads the refusal code of a device's result.
     *
     * @param resultJson the canonical result, or null
     * @return its {@code code} member when that is a catalogue-shaped code, else null
     */
    String refusalCode(@Nullable String resultJson) {
        if (resultJson == null) {
            return null;
        }
        try {
            Object value = json.readValue(resultJson, Object.class);
            Object code = value instanceof Map<?, ?> map ? map.get("code") : null;
            return code instanceof String text && CODE.matcher(text).matches() ? text : null;
        } catch (IOException e) {
            return null;
        }
    }
}
