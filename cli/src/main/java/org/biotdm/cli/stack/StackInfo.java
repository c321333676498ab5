package org.biotdm.cli.stack;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * What {@code stack.properties} says about a running stack.
 *
 * @param pid the process of {@code biotdm up}
 * @param apiUrl the API's URL
 * @param deviceUrl the device port's URL
 * @param deviceServerCert the device port's certificate
 */
public record StackInfo(long pid, URI apiUrl, URI deviceUrl, Path deviceServerCert) {

    /**
     * Reads {@code stack.properties}.
     *
     * @param dataDir the data directory
     * @return the running stack, or empty when the file does not exist
     */
    public static Optional<StackInfo> read(DataDir dataDir) {
        Path file = dataDir.stackFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return Optional.of(new StackInfo(
                    Long.parseLong(properties.getProperty("pid", "-1")),
                    URI.create(properties.getProperty("api.url")),
                    URI.create(properties.getProperty("device.url")),
                    Path.of(properties.getProperty("device.server-cert"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Tells whether the process that wrote the file still runs.
     *
     * @return true while it runs
     */
    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
