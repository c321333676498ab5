package org.biotdm.gateway.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of alerts, newest first.
 *
 * @param items the alerts the caller may see (a page may hold fewer than asked for, even none, while {@code
 *     nextCursor} is set: keep following it)
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
@Serdeable
public record AlertPage(@JsonInclude(JsonInclude.Include.ALWAYS) List<Alert> items, @Nullable String nextCursor) {}
