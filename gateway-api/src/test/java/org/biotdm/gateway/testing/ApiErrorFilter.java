package org.biotdm.gateway.testing;

import io.micronaut.http.annotation.ClientFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

/**
 * Raises every error answer to an {@link ApiClient} as an {@link ApiError}. Without it a declarative client answers a
 * 404 with null (or the bare response), and the test could not check the error's code.
 */
@ApiClient
@ClientFilter
final class ApiErrorFilter {
    /**
     * Replaces the client's exception.
     *
     * @param failure the error answer
     */
    @ResponseFilter
    public void raise(HttpClientResponseException failure) {
        throw new ApiError(failure);
    }
}
