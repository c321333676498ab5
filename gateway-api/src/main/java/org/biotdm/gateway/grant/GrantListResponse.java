package org.biotdm.gateway.grant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of the caller's organisation's active grants ({@code ListGrants}).
 *
 * @param items the grants (active; some may have expired)
 * @param bookmark pass back as {@code bookmark} for the next page; null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GrantListResponse(List<LedgerGrant> items, @Nullable String bookmark) {}
