package org.biotdm.cli.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings the command line starts gateway-api with: its data directory and ports, the ledger connection to the
 * dev network's first organisation with that organisation's gateway identity, and the enrolment of people's Fabric
 * identities with the dev network's CAs.
 */
final class GatewaySettings {
    private GatewaySettings() {}

    /**
     * Builds the settings.
     *
     * @param dataDir the stack's data directory
     * @param devnet the running dev network
     * @param apiPort the API port
     * @param devicePort the device port
     * @return the Micronaut properties, in a stable order
     */
    public static Map<String, String> of(DataDir dataDir, DevnetConnection devnet, int apiPort, int devicePort) {
        DevnetConnection.Organisation org = devnet.organisations().get(0);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("biotdm.data-dir", dataDir.gateway().toString());
        properties.put("micronaut.server.port", Integer.toString(apiPort));
        properties.put("biotdm.ingress.port", Integer.toString(devicePort));
        properties.put("biotdm.ledger.peer-endpoint", org.peerAddress());
        properties.put("biotdm.ledger.peer-host-name", org.peerHostName());
        properties.put("biotdm.ledger.tls-root-cert", org.tlsRootCert().toString());
        properties.put("biotdm.ledger.msp-id", org.mspId());
        properties.put("biotdm.ledger.identity-msp-dir", org.gatewayMspDir().toString());
        properties.put("biotdm.ledger.channel", devnet.channel());
        properties.put("biotdm.users.enrollment-url", devnet.enrollmentUrl());
        properties.put(
                "biotdm.users.registrar-secrets-file",
                dataDir.devnet().resolve("enrollment-secrets.properties").toString());
        return properties;
    }

    /**
     * Turns settings into JVM system property arguments.
     *
     * @param properties the settings
     * @return {@code -Dkey=value} arguments
     */
    public static List<String> asJvmArguments(Map<String, String> properties) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        return arguments;
    }
}
