package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.biotdm.gateway.error.ApiException;

/**
 * A checked device list request: optional status, group, model and device ID prefix, an order, a page size and the
 * cursor. In device ID order the cursor is the last device ID of the previous page (keyset paging); in any other order
 * it is the number of devices already listed, after an {@code @} (offset paging with a fixed page size: a device
 * whose activity changes between two pages may move across them). Both are base64url-encoded. Every value is
 * validated against the chaincode's identifier rules before it reaches SQL, where it is bound as a parameter.
 *
 * @param status the status, or null
 * @param group the device group, or null
 * @param model the model ({@code <MSP>/<name>}), or null
 * @param idPrefix the device ID prefix, or null
 * @param sort the order
 * @param pageSize the page size
 * @param after the device ID after which (in the order of {@code sort}) the page starts, or null
 * @param offset how many devices earlier pages listed (orders other than device ID), or 0
 */
record DeviceFilter(
        @Nullable DeviceStatus status,
        @Nullable String group,
        @Nullable String model,
        @Nullable String idPrefix,
        DeviceSort sort,
        int pageSize,
        @Nullable String after,
        long offset) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String OFFSET_MARK = "@";
    private static final Pattern OFFSET = Pattern.compile("@[0-9]{1,12}");
    private static final Pattern MODEL =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}/[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * Parses the query parameters of {@code GET /api/v1/devices}.
     *
     * @param status a {@link DeviceStatus} name, or null
     * @param group a group ID, or null
     * @param model a model, or null
     * @param idPrefix a device ID prefix of {@code [A-Za-z0-9._-]{1,64}}, or null
     * @param sort the order, as {@link DeviceSort#parse} reads it, or null
     * @param pageSize 1 to {@code maxPageSize}, or null for {@code defaultPageSize}
     * @param cursor the previous page's {@code nextCursor} (of the same order), or null
     * @param defaultPageSize the default page size
     * @param maxPageSize the largest page size
     * @return the filter
     * @throws ApiException 400 {@code INVALID_ARGUMENT} naming the bad parameter (a cursor of another order is a bad
     *     cursor)
     */
    public static DeviceFilter parse(
            @Nullable String status,
            @Nullable String group,
            @Nullable String model,
            @Nullable String idPrefix,
            @Nullable String sort,
            @Nullable Integer pageSize,
            @Nullable String cursor,
            int defaultPageSize,
            int maxPageSize) {
        int size = pageSize == null ? defaultPageSize : pageSize;
        if (size < 1 || size > maxPageSize) {
            throw ApiException.invalid("pageSize", "pageSize must be 1 to " + maxPageSize);
        }
        DeviceSort order = DeviceSort.parse(sort);
        String position = decodeCursor(cursor);
        boolean offsetCursor = position != null && position.startsWith(OFFSET_MARK);
        if (position != null && offsetCursor == order.byDeviceId()) {
            throw badCursor();
        }
        long offset = offsetCursor ? Long.parseLong(position.substring(1)) : 0;
        if (offset % size != 0) {
            throw ApiException.invalid("cursor", "cursor belongs to another pageSize; keep pageSize while paging");
        }
        return new DeviceFilter(
                parseStatus(status),
                check("group", group, ID),
                check("model", model, MODEL),
                check("idPrefix", idPrefix, PREFIX),
                order,
                size,
                offsetCursor ? null : position,
                offset);
    }

    /**
     * Encodes the cursor that continues after a page.
     *
     * @param lastDeviceId the page's last device ID
     * @param pageLength how many devices the page holds
     * @return the cursor text (base64url, no padding): the last device ID in device ID order, else the offset
     */
    public String nextCursor(String lastDeviceId, int pageLength) {
        return encodeCursor(sort.byDeviceId() ? lastDeviceId : OFFSET_MARK + (offset + pageLength));
    }

    /**
     * Encodes a position as cursor text.
     *
     * @param position a device ID, or {@code @} and an offset
     * @return the cursor text (base64url, no padding)
     */
    static String encodeCursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the {@code LIKE} pattern of the ID prefix, with {@code _} escaped ({@code \} is the escape).
     *
     * @return the pattern, or null without prefix
     */
    public String likePattern() {
        return idPrefix == null ? null : idPrefix.replace("_", "\\_") + "%";
    }

    private static DeviceStatus parseStatus(String status) {
        if (status == null || status.isEmpty()) {
            return null;
        }
        for (DeviceStatus candidate : DeviceStatus.values()) {
            if (candidate.name().equals(status)) {
                return candidate;
            }
        }
        throw ApiException.invalid("status", "status must be one of PROVISIONED, ACTIVE, SUSPENDED, DECOMMISSIONED");
    }

    private static String check(String name, String value, Pattern pattern) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!pattern.matcher(value).matches()) {
            throw ApiException.invalid(name, name + " must match " + pattern.pattern());
        }
        return value;
    }

    private static String decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (ID.matcher(position).matches() || OFFSET.matcher(position).matches()) {
                return position;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below
        }
        throw badCursor();
    }

    private static ApiException badCursor() {
        return ApiException.invalid("cursor", "cursor is not a cursor this API returned for this sort");
    }
}
