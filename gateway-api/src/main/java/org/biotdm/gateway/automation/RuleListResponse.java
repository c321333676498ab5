package org.biotdm.gateway.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of the caller's organisation's automation rules ({@code ListRules}).
 *
 * @param items the rules, in rule ID order
 * @param bookmark pass back as {@code bookmark} for the next page; null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RuleListResponse(List<LedgerRule> items, @Nullable String bookmark) {}
