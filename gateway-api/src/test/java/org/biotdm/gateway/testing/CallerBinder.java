package org.biotdm.gateway.testing;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.bind.ClientRequestUriContext;
import io.micronaut.http.client.bind.TypedClientArgumentRequestBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

/**
 * Binds the {@link Authentication} parameter of a declarative client's method: a {@link Caller} with a token becomes
 * the bearer header, so every client of an {@code *Operations} interface signs in the same way, per call.
 */
@Singleton
final class CallerBinder implements TypedClientArgumentRequestBinder<Authentication> {
    @Override
    public Argument<Authentication> argumentType() {
        return Argument.of(Authentication.class);
    }

    @Override
    public void bind(
            ArgumentConversionContext<Authentication> context,
            ClientRequestUriContext uriContext,
            Authentication value,
            MutableHttpRequest<?> request) {
        if (!(value instanceof Caller caller)) {
            throw new IllegalArgumentException("Test clients call as a Caller, not " + value.getClass());
        }
        if (caller.accessToken() != null) {
            request.bearerAuth(caller.accessToken());
        }
    }
}
