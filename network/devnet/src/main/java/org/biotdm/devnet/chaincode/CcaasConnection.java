package org.biotdm.devnet.chaincode;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how a peer dials a chaincode server: {@code connection.json} of a chaincode-as-a-service package after
 * Fabric's {@code ccaas} builder (release-2.5 {@code ccaas_builder/cmd/build}) rendered it with the peer's {@code
 * CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG}.
 *
 * @param address the chaincode server, {@code host:port}
 * @param dialTimeout how long the dial may take
 * @param tlsRequired whether the server speaks TLS
 * @param clientAuthRequired whether the peer presents {@code clientKey} and {@code clientCert}
 * @param rootCert PEM of the CA the server's certificate must chain to; empty without TLS
 * @param clientKey PEM of the peer's client key; empty without client authentication
 * @param clientCert PEM of the peer's client certificate; empty without client authentication
 */
public record CcaasConnection(
        String address,
        Duration dialTimeout,
        boolean tlsRequired,
        boolean clientAuthRequired,
        String rootCert,
        String clientKey,
        String clientCert) {

    /** The builder's template actions this renders: a field reference such as {@code {{.peername}}}. */
    private static final Pattern ACTION = Pattern.compile("\\{\\{\\s*\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /**
     * Checks the fields.
     *
     * @throws NullPointerException when a field is missing
     */
    public CcaasConnection {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dialTimeout, "dialTimeout");
        Objects.requireNonNull(rootCert, "rootCert");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(clientCert, "clientCert");
    }

    /**
     * Renders {@code connection.json} as the {@code ccaas} builder does: every string field is a Go template whose
     * context is the builder configuration; the TLS fields count only when {@code tls_required} is true.
     *
     * @param connection the fields of {@code connection.json}
     * @param builderConfig the peer's {@code CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG} entries
     * @return the connection
     * @throws IllegalArgumentException when a template names a key the configuration lacks (Go's {@code
     *     missingkey=error}), uses another template action, the address is missing, or {@code dial_timeout} is not a
     *     Go duration such as {@code 10s}
     */
    public static CcaasConnection render(JsonObject connection, Map<String, String> builderConfig) {
        boolean tls = flag(connection, "tls_required");
        String address = render(connection, "address", builderConfig);
        if (address.isEmpty()) {
            throw new IllegalArgumentException("connection.json has no address");
        }
        String timeout = render(connection, "dial_timeout", builderConfig);
        return new CcaasConnection(
                address,
                timeout.isEmpty() ? Duration.ofSeconds(3) : duration(timeout),
                tls,
                tls && flag(connection, "client_auth_required"),
                tls ? render(connection, "root_cert", builderConfig) : "",
                tls ? render(connection, "client_key", builderConfig) : "",
                tls ? render(connection, "client_cert", builderConfig) : "");
    }

    /**
     * Returns the host name of the address, which the server's TLS certificate must name.
     *
     * @return the part before the last colon
     */
    public String host() {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    private static boolean flag(JsonObject connection, String name) {
        JsonElement value = connection.get(name);
        return value != null && value.getAsBoolean();
    }

    private static String render(JsonObject connection, String field, Map<String, String> config) {
        JsonElement value = connection.get(field);
        String template = value == null || value.isJsonNull() ? "" : value.getAsString();
        Matcher action = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (action.find()) {
            String key = action.group(1);
            String replacement = config.get(key);
            if (replacement == null) {
                throw new IllegalArgumentException("Failed to parse the " + field + " field template: map has no"
                        + " entry for key \"" + key + "\"");
            }
            action.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        action.appendTail(out);
        if (out.indexOf("{{") >= 0) {
            throw new IllegalArgumentException(
                    "Failed to parse the " + field + " field template: only {{.key}} actions are supported");
        }
        return out.toString();
    }

    private static Duration duration(String text) {
        Matcher matcher = GO_DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("dial_timeout is not a duration such as 10s: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
