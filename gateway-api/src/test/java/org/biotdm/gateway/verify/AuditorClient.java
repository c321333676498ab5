package org.biotdm.gateway.verify;

import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.client.annotation.Client;

/**
 * The verification API as an auditor calls it, through the same contract the controller implements; requests carry
 * the access token of the auditor the test signed in ({@link #signIn}).
 */
@Client("/api/v1")
@Header(name = AuditorClient.MARKER, value = "1")
interface AuditorClient extends VerificationOperations {
    /** A header only this client sends, which its bearer filter replaces with the auditor's token. */
    String MARKER = "X-Test-Auditor";

    /** The auditor's access token, set by the test. */
    java.util.concurrent.atomic.AtomicReference<String> BEARER = new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Makes the client send a person's access token.
     *
     * @param accessToken the token
     */
    static void signIn(String accessToken) {
        BEARER.set(accessToken);
    }

    /** Adds the auditor's bearer token to the requests of {@link AuditorClient} (those with the marker header). */
    @ClientFilter("/api/v1/**")
    final class BearerFilter {
        /**
         * Adds the header.
         *
         * @param request the outgoing request
         */
        @RequestFilter
        public void addBearer(MutableHttpRequest<?> request) {
            String token = BEARER.get();
            if (request.getHeaders().contains(MARKER)) {
                request.getHeaders().remove(MARKER);
                if (token != null) {
                    request.bearerAuth(token);
                }
            }
        }
    }
}
