package org.biotdm.gateway.anchor;

import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * A telemetry row as anchoring sees it.
 *
 * @param id the row's ID ({@code telemetry.id})
 * @param window the anchoring window number it was written into
 * @param leaf the anchored content
 * @param valueNum the numeric copy of the value kept for charts and alerts, or null; not anchored
 */
public record StoredReading(long id, long window, ReadingLeaf leaf, Double valueNum) {}
