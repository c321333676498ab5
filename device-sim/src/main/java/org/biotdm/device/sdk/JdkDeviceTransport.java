package org.biotdm.device.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A {@link DeviceTransport} on the JDK's {@link HttpClient} (HTTP/1.1, keep-alive, mutual TLS, host name checked
 * against the server certificate). The right choice for one device or an edge gateway; note that each JDK client
 * runs its own selector thread, so a simulator of thousands of devices uses a shared event loop instead.
 */
public final class JdkDeviceTransport implements DeviceTransport {
    private final URI base;
    private final HttpClient client;

    private JdkDeviceTransport(URI base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /**
     * Returns a factory for transports to one device port.
     *
     * @param base the device port, for example {@code https://gateway.example.com:8443}
     * @param trusted the gateway's server certificate or its CA
     * @param executor where the client completes its futures, or null for the JDK's default
     * @return the factory
     */
    public static DeviceTransportFactory factory(URI base, List<X509Certificate> trusted, Executor executor) {
        Objects.requireNonNull(base, "base");
        List<X509Certificate> trust = List.copyOf(trusted);
        return credentials -> {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .sslContext(DeviceTls.sslContext(credentials, trust));
            if (executor != null) {
                builder.executor(executor);
            }
            return new JdkDeviceTransport(base, builder.build());
        };
    }

    @Override
    public CompletableFuture<DeviceResponse> exchange(DeviceRequest request) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(base.resolve(request.path())).timeout(request.timeout());
        request.headers().forEach(builder::header);
        if (request.body() == null) {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        }
        return client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new DeviceResponse(
                        response.statusCode(),
                        response.body() == null ? new byte[0] : response.body(),
                        response.headers().firstValue("Retry-After").orElse(null)));
    }

    @Override
    public void close() {
        // The JDK 17 client has no close(); its connections and selector thread end once it is unreachable.
    }
}
