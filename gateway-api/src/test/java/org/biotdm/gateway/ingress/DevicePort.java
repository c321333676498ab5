package org.biotdm.gateway.ingress;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.Route;

/**
 * The device port as one device sees it: typed clients of the device-port {@code *Operations} interfaces over mutual
 * TLS with that device's key and certificate (or with none, for provisioning), and raw requests for bodies the types
 * cannot express. Micronaut's declarative clients take their TLS identity from configuration, one per client, so they
 * cannot speak as the many devices of a test; this adapter reads each route from the interface's annotations ({@link
 * Route}) and sends it with the JDK client. Error answers raise {@link ApiError}, as the people API's clients do. It
 * validates nothing itself, so the server's refusals are what a test sees.
 */
public final class DevicePort {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final URI base;
    private final HttpClient http;
    private final JsonMapper json;

    private DevicePort(URI base, HttpClient http, JsonMapper json) {
        this.base = base;
        this.http = http;
        this.json = json;
    }

    /**
     * Opens the running gateway's device port as a device.
     *
     * @param device the key and certificate presented in the TLS handshake
     * @param context the running gateway
     * @return the port
     */
    public static DevicePort as(DeviceCredentials device, ApplicationContext context) {
        return at(context, device.httpClient(serverCertificate(context)));
    }

    /**
     * Opens the running gateway's device port without a client certificate, as a device before provisioning.
     *
     * @param context the running gateway
     * @return the port
     */
    public static DevicePort anonymous(ApplicationContext context) {
        return at(context, DeviceCredentials.anonymousHttpClient(serverCertificate(context)));
    }

    /**
     * Opens the running gateway's device port through a given client (a test's own TLS settings).
     *
     * @param context the running gateway
     * @param http the client, trusting the port's certificate
     * @return the port
     */
    public static DevicePort at(ApplicationContext context, HttpClient http) {
        URI base = URI.create("https://localhost:"
                + context.getBean(DeviceIngressServer.class).port());
        return new DevicePort(base, http, context.getBean(JsonMapper.class));
    }

    private static java.security.cert.X509Certificate serverCertificate(ApplicationContext context) {
        return context.getBean(DeviceIngressCertificates.class).serverCertificate();
    }

    /**
     * Returns a typed client of a device-port interface.
     *
     * @param operations the interface, e.g. {@code DeviceCommandsOperations}
     * @param <T> its type
     * @return the client; calls block unless the method returns a {@link CompletableFuture}
     */
    public <T> T client(Class<T> operations) {
        InvocationHandler handler = (proxy, method, args) -> method.getDeclaringClass() == Object.class
                ? method.invoke(this, args)
                : call(operations, method, args == null ? new Object[0] : args);
        return operations.cast(
                Proxy.newProxyInstance(operations.getClassLoader(), new Class<?>[] {operations}, handler));
    }

    /**
     * Sends a raw request on a route of a device-port interface.
     *
     * @param operations the interface
     * @param name the method's name
     * @param values path variables and query parameters
     * @param body the body, sent as JSON; null for none
     * @return the answer, whatever its status
     */
    public HttpResponse<String> raw(Class<?> operations, String name, Map<String, ?> values, @Nullable String body) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        return send(Route.of(operations, name), values, bytes).join();
    }

    private Object call(Class<?> operations, Method method, Object[] args) {
        Map<String, Object> values = new LinkedHashMap<>();
        byte[] body = null;
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].isAnnotationPresent(Body.class)) {
                body = encode(args[i]);
            } else {
                values.put(name(parameters[i]), args[i]);
            }
        }
        CompletableFuture<Object> answer =
                send(Route.of(operations, method), values, body).thenApply(response -> decode(response, method));
        if (method.getReturnType() == CompletableFuture.class) {
            return answer;
        }
        try {
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static String name(Parameter parameter) {
        PathVariable path = parameter.getAnnotation(PathVariable.class);
        QueryValue query = parameter.getAnnotation(QueryValue.class);
        String named = path != null ? path.value() : query != null ? query.value() : "";
        return named.isEmpty() ? parameter.getName() : named;
    }

    private CompletableFuture<HttpResponse<String>> send(Route route, Map<String, ?> values, byte[] body) {
        HttpRequest request = route.request(base, values, body).timeout(TIMEOUT).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private byte[] encode(Object body) {
        try {
            return body instanceof byte[] bytes ? bytes : json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object decode(HttpResponse<String> response, Method method) {
        if (response.statusCode() >= 400) {
            throw ApiError.from(response);
        }
        Type type = method.getGenericReturnType();
        if (method.getReturnType() == CompletableFuture.class) {
            type = ((ParameterizedType) type).getActualTypeArguments()[0];
        }
        try {
            return json.readValue(response.body().getBytes(StandardCharsets.UTF_8), Argument.of(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "DevicePort[" + base + "]";
    }
}
