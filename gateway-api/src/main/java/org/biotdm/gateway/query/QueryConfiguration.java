package org.biotdm.gateway.query;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Limits of the telemetry read API, under {@code biotdm.query}. */
@ConfigurationProperties("biotdm.query")
public class QueryConfiguration {
    private int maxPageSize = 5000;
    private int defaultPageSize = 1000;
    private int maxBuckets = 5000;
    private Duration defaultRange = Duration.ofHours(24);

    /**
     * Returns the largest page of raw readings.
     *
     * @return readings, 5 000 by default
     */
    public int getMaxPageSize() {
        return maxPageSize;
    }

    /**
     * Sets the largest page of raw readings ({@code max-page-size}).
     *
     * @param maxPageSize readings, 1 or more
     */
    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }

    /**
     * Returns the page size when {@code limit} is absent.
     *
     * @return readings, 1 000 by default
     */
    public int getDefaultPageSize() {
        return defaultPageSize;
    }

    /**
     * Sets the page size when {@code limit} is absent ({@code default-page-size}).
     *
     * @param defaultPageSize readings, at most {@code max-page-size}
     */
    public void setDefaultPageSize(int defaultPageSize) {
        this.defaultPageSize = defaultPageSize;
    }

    /**
     * Returns the most buckets one downsampled query may span ({@code (to − from) / bucket}).
     *
     * @return buckets, 5 000 by default
     */
    public int getMaxBuckets() {
        return maxBuckets;
    }

    /**
     * Sets the most buckets one downsampled query may span ({@code max-buckets}).
     *
     * @param maxBuckets buckets, 1 or more
     */
    public void setMaxBuckets(int maxBuckets) {
        this.maxBuckets = maxBuckets;
    }

    /**
     * Returns the range read when {@code from} is absent: {@code [to − default-range, to)}.
     *
     * @return 24 h by default
     */
    public Duration getDefaultRange() {
        return defaultRange;
    }

    /**
     * Sets the range read when {@code from} is absent ({@code default-range}).
     *
     * @param defaultRange a positive duration
     */
    public void setDefaultRange(Duration defaultRange) {
        this.defaultRange = defaultRange;
    }
}
