package org.biotdm.cli.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the dev network writes to {@code <devnet data-dir>/connection.json} when it is ready: the channel, the
 * enrolment endpoint and, per organisation, its peer, identities and registrar secret file.
 *
 * @param channel the channel name
 * @param enrollmentUrl the enrolment endpoint ({@code POST /enroll})
 * @param organisations the organisations, Org1MSP first
 */
record DevnetConnection(String channel, String enrollmentUrl, List<Organisation> organisations) {

    /**
     * Reads a connection file.
     *
     * @param file {@code connection.json}
     * @return its content
     * @throws UncheckedIOException when it cannot be read
     * @throws IllegalArgumentException when a field is missing
     */
    public static DevnetConnection read(Path file) {
        try {
            return parse(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * Reads the content of a connection file.
     *
     * @param root the parsed JSON
     * @return its content
     * @throws IllegalArgumentException when a field is missing
     */
    public static DevnetConnection parse(JsonNode root) {
        List<Organisation> organisations = new ArrayList<>();
        for (JsonNode org : required(root, "organizations")) {
            organisations.add(new Organisation(
                    text(org, "mspId"),
                    text(org, "peerAddress"),
                    text(org, "peerHostName"),
                    Path.of(text(org, "tlsRootCert")),
                    Path.of(text(org, "gatewayMspDir")),
                    Path.of(text(org, "registrarSecretFile"))));
        }
        if (organisations.isEmpty()) {
            throw new IllegalArgumentException("connection.json lists no organisations");
        }
        return new DevnetConnection(text(root, "channel"), text(root, "enrollmentUrl"), List.copyOf(organisations));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("connection.json has no " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        return required(node, field).asText();
    }

    /**
     * One organisation of the dev network.
     *
     * @param mspId its MSP ID
     * @param peerAddress its peer's {@code host:port}
     * @param peerHostName the TLS host name of its peer
     * @param tlsRootCert its TLS CA certificate (PEM)
     * @param gatewayMspDir the MSP directory of its gateway identity ({@code biotdm.role=gateway})
     * @param registrarSecretFile its own owner-only file holding its enrolment registrar's secret, for the gateways
     *     that serve it only
     */
    public record Organisation(
            String mspId,
            String peerAddress,
            String peerHostName,
            Path tlsRootCert,
            Path gatewayMspDir,
            Path registrarSecretFile) {}
}
