package org.biotdm.cli.bench;

import java.util.Locale;

/**
 * The figures of {@code biotdm bench connections}: what the gateways' memory was before and with a fleet connected
 * over one transport, and how the connections went, formatted as fields of the {@code BENCH connections} line.
 */
final class ConnectionsFigures {
    private static final double KIB = 1024.0;
    private static final double MIB = 1048576.0;

    private ConnectionsFigures() {}

    /**
     * The gateways' memory, summed over the instances.
     *
     * @param heapBytes live heap after a full collection
     * @param directBytes native memory committed for direct buffers (NMT {@code Other})
     * @param rssBytes resident memory
     */
    record Memory(long heapBytes, long directBytes, long rssBytes) {}

    /**
     * One transport's connected phase.
     *
     * @param connected devices whose connection was accepted
     * @param heldMin the fewest established connections seen on the transport's ports while holding
     * @param baseline the memory before the phase, nothing connected over any transport
     * @param loaded the memory with the devices connected
     * @param connectSeconds from starting the client processes until all of them connected
     */
    record Phase(long connected, long heldMin, Memory baseline, Memory loaded, double connectSeconds) {
        /**
         * Returns the gateway heap each connected device costs.
         *
         * @return KiB per device, NaN when none connected
         */
        double heapPerDeviceKb() {
            return perDevice(loaded.heapBytes() - baseline.heapBytes());
        }

        /**
         * Returns the gateway direct-buffer memory each connected device costs.
         *
         * @return KiB per device, NaN when none connected
         */
        double directPerDeviceKb() {
            return perDevice(loaded.directBytes() - baseline.directBytes());
        }

        /**
         * Returns the gateway resident memory each connected device costs.
         *
         * @return KiB per device, NaN when none connected
         */
        double rssPerDeviceKb() {
            return perDevice(loaded.rssBytes() - baseline.rssBytes());
        }

        private double perDevice(long bytes) {
            return connected == 0 ? Double.NaN : bytes / KIB / connected;
        }

        /**
         * Returns the HTTPS phase's fields, as the line has always had them, and its direct memory per device.
         *
         * @return {@code connected=… held_min=… heap_per_device_kb=… direct_per_device_kb=… rss_per_device_kb=…
         *     baseline_heap_mb=… connected_heap_mb=…}
         */
        String httpsFields() {
            return String.format(
                    Locale.ROOT,
                    "connected=%d held_min=%d heap_per_device_kb=%.1f direct_per_device_kb=%.1f"
                            + " rss_per_device_kb=%.1f baseline_heap_mb=%.0f connected_heap_mb=%.0f",
                    connected,
                    heldMin,
                    heapPerDeviceKb(),
                    directPerDeviceKb(),
                    rssPerDeviceKb(),
                    baseline.heapBytes() / MIB,
                    loaded.heapBytes() / MIB);
        }

        /**
         * Returns the MQTT phase's fields.
         *
         * @param https the HTTPS phase of the same run, the baseline
         * @return {@code mqtt_connected=… mqtt_held_min=… mqtt_heap_per_device_kb=… mqtt_direct_per_device_kb=…
         *     mqtt_rss_per_device_kb=… mqtt_connect_s=… mqtt_heap_to_https=…}
         */
        String mqttFields(Phase https) {
            return String.format(
                    Locale.ROOT,
                    "mqtt_connected=%d mqtt_held_min=%d mqtt_heap_per_device_kb=%.1f mqtt_direct_per_device_kb=%.1f"
                            + " mqtt_rss_per_device_kb=%.1f mqtt_connect_s=%.0f mqtt_heap_to_https=%.3f",
                    connected,
                    heldMin,
                    heapPerDeviceKb(),
                    directPerDeviceKb(),
                    rssPerDeviceKb(),
                    connectSeconds,
                    BenchStats.ratio(heapPerDeviceKb(), https.heapPerDeviceKb()));
        }
    }
}
