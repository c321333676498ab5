package org.biotdm.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project checkout the command line runs from: where the other modules' jars and the bundled data sets are.
 *
 * @param root the project root (the folder holding {@code pom.xml}, {@code network/} and {@code gateway-api/})
 */
public record Home(Path root) {

    /** System property naming the project root; {@code scripts/biotdm} sets it. */
    public static final String PROPERTY = "biotdm.home";

    /**
     * Finds the project root: the {@value #PROPERTY} system property, else the checkout holding this jar ({@code
     * <root>/cli/target/biotdm.jar}), else the working directory.
     *
     * @return the home
     */
    public static Home detect() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new Home(Path.of(property).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(Home.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path candidate = jar.getParent() == null ? null : jar.getParent().getParent();
            if (candidate != null
                    && candidate.getParent() != null
                    && Files.isDirectory(candidate.getParent().resolve("gateway-api"))) {
                return new Home(candidate.getParent());
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // No usable code source: fall back to the working directory.
        }
        return new Home(Path.of("").toAbsolutePath());
    }

    /**
     * Returns the dev network's runnable jar.
     *
     * @return {@code network/devnet/target/devnet.jar}, or the system property {@code biotdm.devnet.jar}
     */
    public Path devnetJar() {
        return override("biotdm.devnet.jar", "network/devnet/target/devnet.jar");
    }

    /**
     * Returns the BIoT-DM chaincode jar the dev network runs.
     *
     * @return {@code chaincode-java/target/chaincode.jar}, or the system property {@code biotdm.chaincode.jar}
     */
    public Path chaincodeJar() {
        return override("biotdm.chaincode.jar", "chaincode-java/target/chaincode.jar");
    }

    /**
     * Returns the gateway API's shaded jar.
     *
     * @return {@code gateway-api/target/gateway-api.jar}, or the system property {@code biotdm.gateway.jar}
     */
    public Path gatewayJar() {
        return override("biotdm.gateway.jar", "gateway-api/target/gateway-api.jar");
    }

    /**
     * Returns the built operators' dashboard, which gateway-api serves at {@code /}.
     *
     * @return {@code dashboard/target/dist}, or the system property {@code biotdm.dashboard.dir}
     */
    public Path dashboardDir() {
        return override("biotdm.dashboard.dir", "dashboard/target/dist");
    }

    private Path override(String property, String path) {
        String value = System.getProperty(property);
        return value == null || value.isBlank()
                ? root.resolve(path)
                : Path.of(value).toAbsolutePath();
    }

    /**
     * Returns the default data directory.
     *
     * @return {@code <root>/data}
     */
    public Path defaultDataDir() {
        return root.resolve("data");
    }

    /**
     * Returns the bundled real data sets.
     *
     * @return {@code <root>/../shared/data}
     */
    public Path sharedData() {
        return root.resolve("../shared/data").normalize();
    }
}
