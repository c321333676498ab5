package org.biotdm.gateway.firmware;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.biotdm.gateway.config.DataDirectory;

/** Creates the {@link FirmwareImageStore} under {@code <data-dir>/firmware}. */
@Factory
class FirmwareStoreFactory {
    /**
     * Creates the store.
     *
     * @param dataDir the service's data directory
     * @param configuration the upload limit
     * @return the store
     */
    @Singleton
    FirmwareImageStore firmwareImageStore(DataDirectory dataDir, FirmwareConfiguration configuration) {
        return new FirmwareImageStore(dataDir.resolve("firmware"), configuration.maxImageBytes());
    }
}
