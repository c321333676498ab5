package org.biotdm.gateway.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The argument of {@code ListDevices}: filter by owner, status, or owner and group (group excludes status).
 *
 * @param ownerMsp the owner's MSP ID, or null for all
 * @param status the status, or null for all
 * @param group the group (needs {@code ownerMsp}), or null
 * @param pageSize 1–200, or null for the chaincode's default of 50
 * @param bookmark the previous page's bookmark, or null for the first page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeviceQuery(
        @Nullable String ownerMsp,
        @Nullable DeviceStatus status,
        @Nullable String group,
        @Nullable Integer pageSize,
        @Nullable String bookmark) {}
