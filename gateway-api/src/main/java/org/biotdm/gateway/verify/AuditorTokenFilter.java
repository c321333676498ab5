package org.biotdm.gateway.verify;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.biotdm.gateway.anchor.AnchoringConfiguration;
import org.biotdm.gateway.error.ErrorResponses;

/**
 * Stands in for the auditor role until issue 5 brings JWT users: requests to {@code /api/v1/verify} and {@code
 * /api/v1/readings/**} must carry {@code Authorization: Bearer <biotdm.anchoring.auditor-token>}, compared in
 * constant time; anything else gets 401 {@code AUTH_REQUIRED} with {@code WWW-Authenticate: Bearer}. Without a
 * configured token every request is refused.
 */
@ServerFilter(patterns = {"/api/v1/verify", "/api/v1/verify/**", "/api/v1/readings/**"})
public class AuditorTokenFilter {
    private static final String BEARER = "Bearer ";

    private final byte[] token;

    /**
     * Creates the filter.
     *
     * @param configuration the anchoring configuration ({@code auditor-token})
     */
    public AuditorTokenFilter(AnchoringConfiguration configuration) {
        String configured = configuration.getAuditorToken();
        this.token = configured == null ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Lets auditors through and answers everyone else.
     *
     * @param request the request
     * @return null to continue, or the 401 response
     */
    @RequestFilter
    @Nullable
    public HttpResponse<?> requireAuditor(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (token != null
                && header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(
                        token, header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return ErrorResponses.of(
                        HttpStatus.UNAUTHORIZED,
                        "AUTH_REQUIRED",
                        "An auditor bearer token is required (Authorization: Bearer <token>)")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
