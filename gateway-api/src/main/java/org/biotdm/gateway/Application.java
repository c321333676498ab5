package org.biotdm.gateway;

import io.micronaut.runtime.Micronaut;

/** Starts the BIoT-DM gateway API. */
public final class Application {
    private Application() {}

    /**
     * Runs the service.
     *
     * @param args command-line arguments, passed to Micronaut (for example {@code -micronaut.server.port=8080})
     */
    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
