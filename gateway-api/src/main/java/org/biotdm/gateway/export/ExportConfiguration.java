package org.biotdm.gateway.export;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Settings of the streamed exports, under {@code biotdm.export}. */
@ConfigurationProperties("biotdm.export")
public class ExportConfiguration {
    private int fetchSize = 500;
    private int maxConcurrent = 4;

    /**
     * Returns how many rows the MariaDB driver fetches at a time while streaming.
     *
     * @return rows, 500 by default
     */
    public int getFetchSize() {
        return fetchSize;
    }

    /**
     * Sets how many rows the MariaDB driver fetches at a time while streaming ({@code fetch-size}).
     *
     * @param fetchSize rows, 1 or more
     */
    public void setFetchSize(int fetchSize) {
        this.fetchSize = fetchSize;
    }

    /**
     * Returns how many exports may stream at once; each holds one database connection until it ends.
     *
     * @return exports, 4 by default (keep it well below the pool's {@code maximum-pool-size})
     */
    public int getMaxConcurrent() {
        return maxConcurrent;
    }

    /**
     * Sets how many exports may stream at once ({@code max-concurrent}).
     *
     * @param maxConcurrent exports, 1 or more
     */
    public void setMaxConcurrent(int maxConcurrent) {
        this.maxConcurrent = maxConcurrent;
    }
}
