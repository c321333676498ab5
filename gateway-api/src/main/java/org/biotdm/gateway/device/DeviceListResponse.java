package org.biotdm.gateway.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of {@code GET /api/v1/devices}, in device ID order.
 *
 * @param items the devices
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeviceListResponse(List<DeviceSummary> items, @Nullable String nextCursor) {}
