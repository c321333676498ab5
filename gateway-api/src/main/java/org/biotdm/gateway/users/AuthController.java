package org.biotdm.gateway.users;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ratelimit.ClientAddresses;

/**
 * Serves {@link AuthOperations}; password hashing and JDBC block, so requests run on the blocking executor. Failed
 * sign-ins are throttled per (username, client address) and per client address, the address as {@link
 * ClientAddresses} tells it.
 */
@Controller("/api/v1")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "auth")
class AuthController implements AuthOperations {
    private final UserService users;
    private final LoginThrottle throttle;
    private final BootstrapTokens bootstrap;
    private final ClientAddresses addresses;

    /**
     * Creates the controller.
     *
     * @param users the user service
     * @param throttle the login throttle
     * @param bootstrap the bootstrap tokens
     * @param addresses tells the client address the throttle keys on
     */
    public AuthController(
            UserService users, LoginThrottle throttle, BootstrapTokens bootstrap, ClientAddresses addresses) {
        this.users = users;
        this.throttle = throttle;
        this.bootstrap = bootstrap;
        this.addresses = addresses;
    }

    @Override
    public TokenResponse login(AuthRequests.Login body) {
        // The record's constraints bound the username and password first: no request-sized key reaches the
        // throttle and no oversized password is hashed.
        String address = remoteAddress();
        try (LoginThrottle.Attempt attempt = throttle.reserve(body.username(), address)) {
            ApiUser user = users.authenticate(body.username(), body.password())
                    .orElseThrow(() -> new ApiException(ErrorCode.LOGIN_FAILED, "Wrong username or password"));
            attempt.succeeded();
            return users.issueTokens(user);
        }
    }

    @Override
    public TokenResponse refresh(AuthRequests.Refresh body) {
        return users.refresh(body.refreshToken());
    }

    @Override
    public HttpResponse<Void> logout(AuthRequests.Refresh body) {
        users.revoke(body.refreshToken());
        return HttpResponse.noContent();
    }

    @Override
    public HttpResponse<TokenResponse> bootstrap(AuthRequests.Bootstrap body) {
        ApiUser admin = bootstrap.redeem(body.mspId(), body.bootstrapToken(), body.username(), body.password());
        return HttpResponse.created(users.issueTokens(admin));
    }

    private String remoteAddress() {
        return ServerRequestContext.currentRequest()
                .map(addresses::of)
                .orElseThrow(() -> new IllegalStateException("sign-in outside a request"));
    }
}
