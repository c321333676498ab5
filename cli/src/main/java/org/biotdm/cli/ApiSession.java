package org.biotdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One person's sign-in to the gateway's API shared by concurrent requests: signs in on first use and again, once,
 * when a request answers 401 (the access token expired). Thread-safe.
 */
public final class ApiSession {
    private final ApiClient api;
    private final Supplier<Credentials.Login> login;
    private volatile String token;

    /**
     * Creates the session; nobody signs in yet.
     *
     * @param api the gateway's API
     * @param login the person's login, asked for on first use
     */
    public ApiSession(ApiClient api, Supplier<Credentials.Login> login) {
        this.api = Objects.requireNonNull(api, "api");
        this.login = Objects.requireNonNull(login, "login");
    }

    /**
     * Returns the API.
     *
     * @return the client
     */
    public ApiClient api() {
        return api;
    }

    /**
     * Signs in unless signed in already, so that a wrong login is found before any work starts.
     *
     * @throws ApiClient.ApiError 401 {@code LOGIN_FAILED} and other refusals
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public void signIn() throws IOException, InterruptedException {
        if (token == null) {
            signIn(null);
        }
    }

    /**
     * Sends a POST request with the session's token, signing in again once if it answers 401.
     *
     * @param path the path, for example {@code /api/v1/devices}
     * @param body the JSON body
     * @return the JSON answer
     * @throws ApiClient.ApiError for an error answer (a 401 only when signing in again did not help)
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        String current = token == null ? signIn(null) : token;
        try {
            return api.post(path, body, current);
        } catch (ApiClient.ApiError e) {
            if (e.status() != 401) {
                throw e;
            }
            return api.post(path, body, signIn(current));
        }
    }

    /** Signs in again unless another thread already replaced the token that failed. */
    private synchronized String signIn(String failed) throws IOException, InterruptedException {
        if (token == null || token.equals(failed)) {
            token = api.login(login.get());
        }
        return token;
    }
}
