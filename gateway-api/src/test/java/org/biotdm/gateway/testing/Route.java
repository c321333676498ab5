package org.biotdm.gateway.testing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.HttpMethodMapping;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.http.uri.UriMatchTemplate;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One operation's HTTP method and URI template, read from the annotations of an {@code *Operations} interface (and the
 * {@link Client} prefix of a test client extending it, or the {@link Controller} prefix of the controller implementing it), so a test that must send what the typed client would refuse,
 * or must talk to the device port, still takes the path from the contract instead of writing it again.
 *
 * @param method the HTTP method, upper case
 * @param template the URI template, {@code {name}} for path variables (RFC 6570 level 1)
 */
public record Route(String method, String template) {
    /**
     * Reads the route of a method by its name.
     *
     * @param api an {@code *Operations} interface, a test client extending one, or a controller
     * @param name the method's name; it must be the only method of that name
     * @return the route
     * @throws IllegalArgumentException when no or several methods have that name, or it carries no HTTP annotation
     */
    public static Route of(Class<?> api, String name) {
        List<Method> methods = Stream.concat(Arrays.stream(api.getMethods()), Arrays.stream(api.getDeclaredMethods()))
                .filter(m -> m.getName().equals(name))
                .distinct()
                .toList();
        if (methods.size() != 1) {
            throw new IllegalArgumentException(api.getSimpleName() + " has " + methods.size() + " methods " + name);
        }
        return of(api, methods.get(0));
    }

    /**
     * Reads the route of a method.
     *
     * @param api the interface the method was called on, or a controller; its {@link Client} or {@link Controller}
     *     value, if any, prefixes the path
     * @param method the method; a controller's method takes the HTTP annotation of the interface method it implements
     * @return the route
     * @throws IllegalArgumentException when neither the method nor one it implements carries an HTTP annotation
     */
    public static Route of(Class<?> api, Method method) {
        Route route = fromAnnotations(method, api);
        return new Route(route.method(), prefix(api) + route.template());
    }

    private static String prefix(Class<?> api) {
        Client client = api.getAnnotation(Client.class);
        if (client != null) {
            return client.value().startsWith("http") ? "" : client.value();
        }
        Controller controller = api.getAnnotation(Controller.class);
        return controller == null || "/".equals(controller.value()) ? "" : controller.value();
    }

    private static Route fromAnnotations(Method method, Class<?> type) {
        Route own = own(method);
        if (own != null) {
            return own;
        }
        for (Class<?> parent : type.getInterfaces()) {
            try {
                return fromAnnotations(parent.getMethod(method.getName(), method.getParameterTypes()), parent);
            } catch (NoSuchMethodException | IllegalArgumentException e) {
                // not declared there: try the next interface
            }
        }
        throw new IllegalArgumentException(method + " has no HTTP method annotation");
    }

    private static Route own(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            Class<? extends Annotation> type = annotation.annotationType();
            if (type.isAnnotationPresent(HttpMethodMapping.class)) {
                String verb = type.getSimpleName().toUpperCase(Locale.ROOT);
                return new Route(verb, first(attribute(annotation, "uri"), attribute(annotation, "value")));
            }
        }
        return null;
    }

    private static String attribute(Annotation annotation, String name) {
        try {
            return (String) annotation.annotationType().getMethod(name).invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(annotation + " has no " + name, e);
        }
    }

    private static String first(String uri, String value) {
        return "/".equals(uri) && !value.isEmpty() ? value : uri;
    }

    /**
     * Expands the template: values whose names are path variables fill the path, every other non-null value becomes
     * a query parameter, in the map's order.
     *
     * @param values the path variables and query parameters
     * @return the path and query, encoded
     */
    public String path(Map<String, ?> values) {
        UriMatchTemplate uriTemplate = UriMatchTemplate.of(template);
        Set<String> variables = Set.copyOf(uriTemplate.getVariableNames());
        Map<String, Object> pathValues = new LinkedHashMap<>();
        Map<String, Object> query = new LinkedHashMap<>();
        values.forEach((k, v) -> (variables.contains(k) ? pathValues : query).put(k, v));
        UriBuilder uri = UriBuilder.of(uriTemplate.expand(pathValues));
        query.forEach((k, v) -> {
            if (v != null) {
                uri.queryParam(k, v);
            }
        });
        return uri.toString();
    }

    /**
     * Starts a raw JSON request on this route: the expanded URI against a server, the method and the body.
     *
     * @param base the server, e.g. {@code http://localhost:8080}
     * @param values the path variables and query parameters
     * @param body the body, sent as {@code application/json}; null for none
     * @return the request, for the caller to add headers
     */
    public HttpRequest.Builder request(URI base, Map<String, ?> values, @Nullable byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path(values)))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /**
     * Expands a template without query parameters.
     *
     * @return the path
     */
    public String path() {
        return path(Map.of());
    }
}
