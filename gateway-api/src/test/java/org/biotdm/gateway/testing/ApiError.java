package org.biotdm.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * An error answer of the gateway to an {@link ApiClient}: the status and the one error shape {@code {code, message,
 * transactionId?, timestamp}}.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String text;
    private final transient Function<String, String> headers;

    ApiError(HttpClientResponseException response) {
        this(
                response.getStatus().getCode(),
                response.getResponse().getBody(String.class).orElse(""),
                name -> response.getResponse().getHeaders().get(name));
        initCause(response);
    }

    private ApiError(int status, String text, Function<String, String> headers) {
        super(status + " " + text);
        this.status = status;
        this.text = text;
        this.headers = headers;
    }

    /**
     * Wraps an error answer a raw Micronaut client request received.
     *
     * @param failure the client's exception
     * @return the error
     */
    public static ApiError from(HttpClientResponseException failure) {
        return new ApiError(failure);
    }

    /**
     * Wraps an error answer received by another HTTP client (the device port's, over mutual TLS).
     *
     * @param response the answer, status 400 to 599
     * @return the error
     */
    public static ApiError from(java.net.http.HttpResponse<String> response) {
        return new ApiError(response.statusCode(), response.body(), name -> response.headers()
                .firstValue(name)
                .orElse(null));
    }

    /**
     * Runs a call that must fail and returns its error (also when a future's join wraps it).
     *
     * @param call the client call
     * @return the error
     */
    public static ApiError of(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        if (thrown instanceof CompletionException completion) {
            thrown = completion.getCause();
        }
        assertThat(thrown).isInstanceOf(ApiError.class);
        return (ApiError) thrown;
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
        return status;
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
        try {
            return text.isBlank() ? Map.of() : ObjectMapper.getDefault().readValue(text, Map.class);
        } catch (IOException e) {
            return Map.of();
        }
    }

    /**
     * Returns the fields an {@code INVALID_ARGUMENT} answer names, in the body's order.
     *
     * @return each violation's {@code field}, empty when the body lists none
     */
    public List<String> fields() {
        return body().get("violations") instanceof List<?> violations
                ? violations.stream()
                        .map(v -> String.valueOf(((Map<?, ?>) v).get("field")))
                        .toList()
                : List.of();
    }

    /**
     * Returns the raw body text.
     *
     * @return the text, empty when there is none
     */
    public String text() {
        return text;
    }

    /**
     * Returns a response header.
     *
     * @param name the header name
     * @return its first value
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.apply(name));
    }
}
