package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.command.CommandLedger;
import org.biotdm.gateway.command.CommandState;
import org.biotdm.gateway.command.LedgerCommand;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.LedgerResult;

/**
 * Typed access to the chaincode's {@code configuration} contract (chaincode-java/README.md). SetDesiredConfiguration
 * is signed by the admin's own identity, so the chaincode checks that person's role and organisation;
 * ReportConfiguration is the gateway's own transaction. Every method blocks; every write waits for the commit.
 */
@Singleton
final class ConfigurationLedger {
    /** The contract name in the BIoT-DM chaincode. */
    public static final String CONTRACT = "configuration";

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public ConfigurationLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Submits {@code SetDesiredConfiguration} as the admin.
     *
     * @param admin the admin's own identity
     * @param deviceId the device
     * @param version the new version: the ledger's current one plus one
     * @param sha256 SHA-256 of the canonical document
     * @param sizeBytes the canonical document's size, UTF-8 bytes
     * @param commandId the new {@code configuration} command's ID
     * @param expiresAt the command's expiry, epoch ms
     * @return the issued command, the record and the transaction
     * @throws LedgerException {@code CONFIGURATION_VERSION_STALE}, {@code DEVICE_NOT_FOUND}, {@code
     *     DEVICE_NOT_ACTIVE}, {@code COMMAND_EXISTS}, {@code ACCESS_DENIED}, {@code INVALID_ARGUMENT}, or a ledger
     *     failure
     */
    public Written setDesired(
            LedgerIdentity admin,
            String deviceId,
            long version,
            String sha256,
            long sizeBytes,
            String commandId,
            long expiresAt)
            throws LedgerException {
        return write(
                admin,
                "SetDesiredConfiguration",
                deviceId,
                new SetArgs(deviceId, version, sha256, sizeBytes, commandId, expiresAt));
    }

    /**
     * Submits {@code ReportConfiguration} as the gateway with the device's signed receipt.
     *
     * @param deviceId the device, for the transaction log
     * @param commandId the {@code configuration} command
     * @param status {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}
     * @param resultSha256 the result hash the device signed
     * @param signature the device's signature, base64
     * @param code the device's refusal code, or null
     * @return the completed command, the record and the transaction
     * @throws LedgerException CompleteCommand's codes, {@code CONFIGURATION_VERSION_STALE}, or a ledger failure
     */
    public Written report(
            String deviceId,
            String commandId,
            CommandState status,
            String resultSha256,
            String signature,
            @Nullable String code)
            throws LedgerException {
        return write(
                client.gatewayIdentity(),
                "ReportConfiguration",
                deviceId,
                new ReportArgs(commandId, status.name(), resultSha256, signature, code));
    }

    /**
     * Evaluates {@code GetConfiguration} as the gateway.
     *
     * @param deviceId the device
     * @return the record, or empty on {@code CONFIGURATION_NOT_FOUND}
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public Optional<LedgerConfiguration> get(String deviceId) throws LedgerException {
        try {
            byte[] payload = client.evaluate(client.gatewayIdentity(), CONTRACT, "GetConfiguration", deviceId);
            return Optional.of(read(payload, LedgerConfiguration.class));
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.CONFIGURATION_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Written write(LedgerIdentity identity, String function, String deviceId, Object argument)
            throws LedgerException {
        String text;
        try {
            text = json.writeValueAsString(argument);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LedgerResult result = client.submit(identity, CONTRACT, function, "configuration:" + deviceId, text, Map.of());
        Pair pair = read(result.payload(), Pair.class);
        return new Written(new CommandLedger.Written(pair.command(), result.transactionId()), pair.configuration());
    }

    private <T> T read(byte[] payload, Class<T> type) throws LedgerException {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new LedgerException(
                    LedgerException.Kind.CONTRACT,
                    ErrorCode.LEDGER_CHAINCODE_ERROR,
                    "The chaincode returned JSON that is not a configuration record: " + e.getMessage(),
                    null,
                    e);
        }
    }

    /**
     * A committed configuration write.
     *
     * @param command the command it issued or completed, and the transaction
     * @param configuration the device's record after it
     */
    public record Written(CommandLedger.Written command, LedgerConfiguration configuration) {
        /**
         * Returns the transaction ID.
         *
         * @return the ID
         */
        public String transactionId() {
            return command.transactionId();
        }
    }

    /** What both writes return. */
    @Serdeable
    record Pair(LedgerCommand command, LedgerConfiguration configuration) {}

    /** SetDesiredConfiguration's argument. */
    @Serdeable
    record SetArgs(String deviceId, long version, String sha256, long sizeBytes, String commandId, long expiresAt) {}

    /** ReportConfiguration's argument; a null code is left out. */
    @Serdeable
    record ReportArgs(String commandId, String status, String resultSha256, String signature, @Nullable String code) {}
}
