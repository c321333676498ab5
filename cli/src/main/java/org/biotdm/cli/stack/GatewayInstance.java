package org.biotdm.cli.stack;

import java.net.URI;
import java.nio.file.Path;

/**
 * One running gateway-api instance of the stack.
 *
 * @param number 1 for the first instance (embedded MariaDB), 2, 3, … for {@link Stack#startAdditionalGateway()}
 * @param apiUrl its API, {@code http://127.0.0.1:<port>}
 * @param deviceUrl its device port, {@code https://127.0.0.1:<port>}
 * @param mqttUrl its MQTT port, {@code mqtts://127.0.0.1:<port>} (same certificate), or null when MQTT is off
 * @param serverCertificate the device port's certificate (PEM), which devices trust
 * @param process its process
 */
public record GatewayInstance(
        int number, URI apiUrl, URI deviceUrl, URI mqttUrl, Path serverCertificate, ChildProcess process) {}
