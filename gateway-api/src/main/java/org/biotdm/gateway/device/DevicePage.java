package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of {@code ListDevices}.
 *
 * @param bookmark where the next page starts (pass back verbatim), empty on the last page
 * @param fetchedCount how many records this page holds
 * @param records the devices, in device ID order
 */
@Serdeable
record DevicePage(@Nullable String bookmark, int fetchedCount, @Nullable List<LedgerDevice> records) {

    /**
     * Normalises absent values.
     *
     * @param bookmark the bookmark
     * @param fetchedCount the count
     * @param records the records
     */
    public DevicePage {
        bookmark = bookmark == null ? "" : bookmark;
        records = records == null ? List.of() : List.copyOf(records);
    }
}
