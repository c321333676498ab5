package org.biotdm.device.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.biotdm.protocol.json.CanonicalJson;
import org.biotdm.protocol.receipt.ReceiptStatus;

/**
 * Applies the configurations an admin pushes to the device (docs/configuration.md): a {@code configuration} command
 * whose parameters are the desired configuration, a JSON object whose canonical JSON ({@code protocol/json-v1.md})
 * hashes to the command's {@code parametersSha256}. The device checks that hash and its own rules, stores the
 * configuration with its durable state ({@link DeviceState#storeConfiguration}) and reports with a signed
 * {@code biotdm-receipt-v1} receipt: {@code SUCCEEDED} committing to SHA-256 of the canonical configuration it
 * applied (the reported hash), or {@code FAILED} with the result {@code {"code":"CONFIGURATION_INVALID","message"}}
 * when the document does not fit the device. Execute each command ID once: a command comes again until its receipt
 * is accepted.
 */
public final class DeviceConfigurations {
    /** The command type that carries a configuration. */
    public static final String COMMAND_TYPE = "configuration";

    /** The code of a refused configuration, in the {@code FAILED} result. */
    public static final String INVALID = "CONFIGURATION_INVALID";

    private final DeviceClient client;
    private final DeviceState state;
    private final Validator validator;

    /** Decides whether the device can take a configuration. */
    @FunctionalInterface
    public interface Validator {
        /**
         * Checks a configuration against the device's own rules.
         *
         * @param configuration the configuration object: members in order; integers as {@link java.math.BigInteger},
         *     other numbers as {@link Double}, objects as maps, arrays as lists
         * @return why it does not fit, or empty when it does
         */
        Optional<String> problem(Map<String, Object> configuration);
    }

    /**
     * What the device reported.
     *
     * @param status {@code SUCCEEDED} or {@code FAILED}
     * @param sha256 on success the SHA-256 of the canonical configuration applied; else of the result
     * @param code the refusal code, or null on success
     */
    public record Outcome(ReceiptStatus status, String sha256, String code) {}

    /**
     * Creates the applier.
     *
     * @param client the device's client, which signs and posts the receipt
     * @param state the device's state directory, which keeps the applied configuration
     * @param validator the device's own rules
     */
    public DeviceConfigurations(DeviceClient client, DeviceState state, Validator validator) {
        this.client = Objects.requireNonNull(client, "client");
        this.state = Objects.requireNonNull(state, "state");
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /**
     * Tells whether a command carries a configuration.
     *
     * @param command a delivered command
     * @return true for {@value #COMMAND_TYPE}
     */
    public static boolean carriesConfiguration(DeviceCommand command) {
        return COMMAND_TYPE.equals(command.commandType());
    }

    /**
     * Applies a {@code configuration} command and reports it.
     *
     * @param command the delivered command
     * @return the outcome, once the gateway accepted the receipt; exceptionally as {@link DeviceClient#completeCommand}
     * @throws IllegalArgumentException when the command is of another type
     */
    public CompletableFuture<Outcome> apply(DeviceCommand command) {
        if (!carriesConfiguration(command)) {
            throw new IllegalArgumentException("Command " + command.commandId() + " is " + command.commandType());
        }
        String problem;
        String canonical = null;
        Map<String, Object> configuration = null;
        try {
            canonical = command.parameters() == null ? null : canonical(command.parameters());
            configuration = canonical == null ? null : plainObject(canonical);
            problem = problem(command, canonical, configuration);
        } catch (IOException | IllegalArgumentException e) {
            problem = "the parameters are not a JSON object: " + e.getMessage();
        }
        return problem == null ? applied(command, canonical) : refused(command, problem);
    }

    private String problem(DeviceCommand command, String canonical, Map<String, Object> configuration) {
        if (canonical == null || configuration == null) {
            return "the command carries no configuration object";
        }
        if (!CanonicalJson.sha256Hex(canonical).equals(command.parametersSha256())) {
            return "the configuration does not hash to the parametersSha256 recorded on the ledger";
        }
        return validator.problem(configuration).orElse(null);
    }

    private CompletableFuture<Outcome> applied(DeviceCommand command, String canonical) {
        try {
            state.storeConfiguration(canonical);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
        return client.completeCommand(command, ReceiptStatus.SUCCEEDED, bytes)
                .thenApply(v -> new Outcome(ReceiptStatus.SUCCEEDED, CanonicalJson.sha256Hex(canonical), null));
    }

    private CompletableFuture<Outcome> refused(DeviceCommand command, String problem) {
        String result = "{\"code\":\"" + INVALID + "\",\"message\":" + Json.string(problem) + "}";
        String canonical = canonical(result);
        return client.completeCommand(command, ReceiptStatus.FAILED, canonical)
                .thenApply(v -> new Outcome(ReceiptStatus.FAILED, CanonicalJson.sha256Hex(canonical), INVALID));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> plainObject(String canonical) throws IOException {
        return (Map<String, Object>) Json.plain(Json.parseObject(canonical.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes a JSON text canonically ({@code biotdm-json-v1}).
     *
     * @param json a JSON value
     * @return its canonical text
     * @throws IllegalArgumentException when it is not JSON or breaks the format's limits
     */
    static String canonical(String json) {
        try {
            return CanonicalJson.write(Json.plain(Json.parse(json.getBytes(StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
