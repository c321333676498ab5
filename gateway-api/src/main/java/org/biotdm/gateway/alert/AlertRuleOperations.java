package org.biotdm.gateway.alert;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.List;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * The threshold rules API under {@code /api/v1/alert-rules}, implemented by {@link AlertRuleController}. Admins
 * write their organisation's rules; admins, auditors and operators read the rules they may see.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface AlertRuleOperations {
    /**
     * Lists the rules the caller may see, ordered by ID.
     *
     * @param authentication the caller
     * @return the rules
     * @throws org.biotdm.gateway.error.ApiException 401 {@code AUTH_REQUIRED}, 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get("/alert-rules")
    List<AlertRuleResponse> list(Authentication authentication);

    /**
     * Creates a rule of the admin's organisation; it applies to readings committed from now on.
     *
     * @param request the rule
     * @param authentication the caller, an admin
     * @return 201 with the rule
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}
     *     (not JSON, unknown field), 404 {@code DEVICE_NOT_FOUND}, 403 {@code DEVICE_ACCESS_DENIED}
     */
    @Post("/alert-rules")
    @ApiResponse(
            responseCode = "201",
            description = "The rule, created",
            content = @Content(schema = @Schema(implementation = AlertRuleResponse.class)))
    HttpResponse<AlertRuleResponse> create(@Valid @Body AlertRuleRequest request, Authentication authentication);

    /**
     * Returns a rule.
     *
     * @param ruleId the rule's ID
     * @param authentication the caller
     * @return the rule
     * @throws org.biotdm.gateway.error.ApiException 404 {@code ALERT_RULE_NOT_FOUND}, 403 {@code
     *     ALERT_RULE_ACCESS_DENIED}
     */
    @Get("/alert-rules/{ruleId}")
    AlertRuleResponse get(@PathVariable String ruleId, Authentication authentication);

    /**
     * Replaces a rule's definition; its runs start afresh, alerts it raised stay.
     *
     * @param ruleId the rule's ID
     * @param request the new definition
     * @param authentication the caller, an admin of the rule's organisation
     * @return the rule
     * @throws org.biotdm.gateway.error.ApiException 404 {@code ALERT_RULE_NOT_FOUND}, 403 {@code
     *     ALERT_RULE_ACCESS_DENIED}, 400 {@code INVALID_ARGUMENT}
     */
    @Put("/alert-rules/{ruleId}")
    AlertRuleResponse update(
            @PathVariable String ruleId, @Valid @Body AlertRuleRequest request, Authentication authentication);

    /**
     * Deletes a rule; alerts it raised stay.
     *
     * @param ruleId the rule's ID
     * @param authentication the caller, an admin of the rule's organisation
     * @return 204
     * @throws org.biotdm.gateway.error.ApiException 404 {@code ALERT_RULE_NOT_FOUND}, 403 {@code
     *     ALERT_RULE_ACCESS_DENIED}
     */
    @Delete("/alert-rules/{ruleId}")
    @ApiResponse(responseCode = "204", description = "Deleted")
    HttpResponse<Void> delete(@PathVariable String ruleId, Authentication authentication);
}
