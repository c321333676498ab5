package org.biotdm.gateway.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * An error answer of the gateway to an {@link ApiClient}: the status and the one error shape {@code {code, message,
 * transactionId?, timestamp}}.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpClientResponseException response;

    ApiError(HttpClientResponseException response) {
        super(
                response.getStatus().getCode() + " "
                        + response.getResponse().getBody(String.class).orElse(""),
                response);
        this.response = response;
    }

    /**
     * Runs a call that must fail and returns its error.
     *
     * @param call the client call
     * @return the error
     */
    public static ApiError of(ThrowingCallable call) {
        ApiError[] caught = new ApiError[1];
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiError.class, e -> caught[0] = e);
        return caught[0];
    }

    /**
     * Sends a raw request that must fail (one a typed client would refuse to send, or with headers it does not set)
     * and returns its error.
     *
     * @param http the low-level client
     * @param request the request
     * @return the error
     */
    public static ApiError ofRaw(HttpClient http, HttpRequest<?> request) {
        HttpClientResponseException[] caught = new HttpClientResponseException[1];
        assertThatThrownBy(() -> http.toBlocking().exchange(request, String.class))
                .isInstanceOfSatisfying(HttpClientResponseException.class, e -> caught[0] = e);
        return new ApiError(caught[0]);
    }

    /**
     * Returns the status and the error body's code, as {@code "401 AUTH_INVALID"}.
     *
     * @return the status, a space and the code
     */
    public String statusAndCode() {
        return status() + " " + code();
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status code, 400 to 599
     */
    public int status() {
        return response.getStatus().getCode();
    }

    /**
     * Returns the error body's {@code code}.
     *
     * @return the code, or null when the body has none
     */
    public String code() {
        Object code = body().get("code");
        return code == null ? null : code.toString();
    }

    /**
     * Returns the error body.
     *
     * @return the body's fields, empty when there is no JSON body
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> body() {
        return response.getResponse().getBody(Map.class).orElse(Map.of());
    }

    /**
     * Returns the raw body text.
     *
     * @return the text, empty when there is none
     */
    public String text() {
        return response.getResponse().getBody(String.class).orElse("");
    }

    /**
     * Returns a response header.
     *
     * @param name the header name
     * @return its first value
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(response.getResponse().getHeaders().get(name));
    }
}
