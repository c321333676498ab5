package org.biotdm.gateway.automation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.error.InputRules;

/**
 * The automation rules API under {@code /api/v1/automation}, implemented by {@link RuleController} and extended by the
 * tests' declarative client: an admin registers, replaces, enables and disables rules of their organisation on the
 * ledger; everyone of the organisation reads them and the recent firings. Every route needs a bearer token (401
 * {@code AUTH_REQUIRED}; 403 {@code ACCESS_DENIED} for a role it does not admit or another organisation's rule).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface RuleOperations {
    /**
     * Registers a rule ({@code RegisterRule}, signed by the calling admin), enabled unless {@code enabled} is false.
     *
     * @param authentication the caller, an admin
     * @param request the rule
     * @return 201 with the rule and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code DEVICE_NOT_FOUND}, {@code
     *     GROUP_NOT_FOUND}, 409 {@code RULE_EXISTS}, 503 {@code LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/automation/rules")
    @ApiResponse(
            responseCode = "201",
            description = "The rule and its transaction",
            content = @Content(schema = @Schema(implementation = RuleChangeResponse.class)))
    HttpResponse<RuleChangeResponse> register(Authentication authentication, @Valid @Body RuleRequest request);

    /**
     * Replaces a rule's description, condition, action and cooldown ({@code UpdateRule}).
     *
     * @param authentication the caller, an admin of the rule's organisation
     * @param ruleId the rule
     * @param request the rule
     * @return the rule and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code RULE_NOT_FOUND}, {@code
     *     DEVICE_NOT_FOUND}, {@code GROUP_NOT_FOUND}, 502 {@code LEDGER_TRANSACTION_INVALID}, 503 {@code LEDGER_UNAVAILABLE}, 504
     *     {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Put("/automation/rules/{automationRuleId}")
    RuleChangeResponse update(
            Authentication authentication,
            @PathVariable("automationRuleId") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE)
                    String ruleId,
            @Valid @Body RuleRequest request);

    /**
     * Enables a rule ({@code EnableRule}).
     *
     * @param authentication the caller, an admin of the rule's organisation
     * @param ruleId the rule
     * @return the rule and the transaction
     * @throws org.biotdm.gateway.error.ApiException 404 {@code RULE_NOT_FOUND}, 502 {@code LEDGER_TRANSACTION_INVALID}, 503
     *     {@code LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/automation/rules/{automationRuleId}/enable")
    RuleChangeResponse enable(
            Authentication authentication,
            @PathVariable("automationRuleId") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE)
                    String ruleId);

    /**
     * Disables a rule ({@code DisableRule}): from the next block on the chaincode refuses its commands.
     *
     * @param authentication the caller, an admin of the rule's organisation
     * @param ruleId the rule
     * @return the rule and the transaction
     * @throws org.biotdm.gateway.error.ApiException 404 {@code RULE_NOT_FOUND}, 502 {@code LEDGER_TRANSACTION_INVALID}, 503
     *     {@code LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/automation/rules/{automationRuleId}/disable")
    RuleChangeResponse disable(
            Authentication authentication,
            @PathVariable("automationRuleId") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE)
                    String ruleId);

    /**
     * Lists the caller's organisation's rules.
     *
     * @param authentication the caller
     * @param pageSize 1–200 (default 50)
     * @param bookmark the previous page's {@code bookmark}
     * @return the page
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/automation/rules")
    RuleListResponse list(
            Authentication authentication,
            @Nullable @QueryValue @Min(1) @Max(200) Integer pageSize,
            @Nullable @QueryValue String bookmark);

    /**
     * Reads a rule of the caller's organisation.
     *
     * @param authentication the caller
     * @param ruleId the rule
     * @return the rule
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code RULE_NOT_FOUND}, 503
     *     {@code LEDGER_UNAVAILABLE}
     */
    @Get("/automation/rules/{automationRuleId}")
    LedgerRule get(
            Authentication authentication,
            @PathVariable("automationRuleId") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE)
                    String ruleId);

    /**
     * Lists this gateway's most recent rule firings of the caller's organisation, newest first: the rule, the device,
     * the command and its IssueCommand transaction.
     *
     * @param authentication the caller
     * @return at most 100 firings
     */
    @Get("/automation/firings")
    List<RuleFirings.Firing> firings(Authentication authentication);
}
