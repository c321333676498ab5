package org.biotdm.cli.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings the command line starts gateway-api with: its data directory and ports, the ledger connection to the
 * dev network's first organisation with that organisation's gateway identity, the organisations whose people it
 * serves, and the enrolment of their people's Fabric identities with the dev network's CAs, each served organisation
 * with its own registrar secret file and no other organisation's.
 */
final class GatewaySettings {
    private GatewaySettings() {}

    /**
     * Builds the settings.
     *
     * @param dataDir the stack's data directory
     * @param devnet the running dev network
     * @param served the MSP IDs of the organisations whose people the gateway serves
     * @param apiPort the API port
     * @param devicePort the device port
     * @return the Micronaut properties, in a stable order
     * @throws IllegalArgumentException when a served organisation is not in the dev network
     */
    public static Map<String, String> of(
            DataDir dataDir, DevnetConnection devnet, List<String> served, int apiPort, int devicePort) {
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
        properties.put("biotdm.users.organisations", String.join(",", served));
        properties.put("biotdm.users.registrar-secret-files", String.join(",", secretFiles(devnet, served)));
        return properties;
    }

    private static List<String> secretFiles(DevnetConnection devnet, List<String> served) {
        List<String> files = new ArrayList<>();
        for (String msp : served) {
            files.add(devnet.organisations().stream()
                    .filter(org -> org.mspId().equals(msp))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(msp + " is not an organisation of the dev network"))
                    .registrarSecretFile()
                    .toString());
        }
        return files;
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
