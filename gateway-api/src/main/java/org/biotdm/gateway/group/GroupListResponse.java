package org.biotdm.gateway.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of the caller's organisation's groups ({@code ListGroups}).
 *
 * @param items the groups, in group ID order
 * @param bookmark pass back as {@code bookmark} for the next page; null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupListResponse(List<LedgerGroup> items, @Nullable String bookmark) {}
