package org.biotdm.gateway.ingress;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.http.server.netty.NettyEmbeddedServerFactory;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.ssl.ClientAuthentication;
import io.micronaut.http.ssl.ServerSslConfiguration;
import io.micronaut.runtime.ApplicationConfiguration;
import io.micronaut.runtime.server.event.ServerShutdownEvent;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device port: a second Netty server, started when the API server starts and stopped with it, listening on
 * {@code biotdm.ingress.port} with TLS from {@link DeviceIngressCertificates} and client authentication {@code WANT}:
 * the TLS handshake verifies a client certificate against the trusted device CAs when one is presented (an
 * untrusted one fails the handshake) and lets clients without one in, so {@code POST /device/v1/provision} works
 * before a device has a certificate; {@link DeviceAuthenticationFilter} requires one everywhere else.
 *
 * <p>It shares the API server's routes, filters, event loops and exception handlers; {@link PortSeparationFilter}
 * keeps {@code /device/**} on this port and everything else off it. Its body limit is {@code
 * biotdm.ingress.max-body-bytes}.
 */
@Singleton
@Requires(property = "biotdm.ingress.enabled", notEquals = "false")
public class DeviceIngressServer implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceIngressServer.class);

    private final NettyEmbeddedServerFactory factory;
    private final IngressConfiguration configuration;
    private final DeviceIngressCertificates certificates;
    private final ApplicationConfiguration applicationConfiguration;
    private volatile NettyEmbeddedServer server;
    private volatile int boundPort = -1;

    /**
     * Creates the (not yet started) device port.
     *
     * @param factory Micronaut's factory for additional Netty servers
     * @param configuration the ingress settings
     * @param certificates the port's key and trust material
     * @param applicationConfiguration the application settings
     */
    public DeviceIngressServer(
            NettyEmbeddedServerFactory factory,
            IngressConfiguration configuration,
            DeviceIngressCertificates certificates,
            ApplicationConfiguration applicationConfiguration) {
        this.factory = factory;
        this.configuration = configuration;
        this.certificates = certificates;
        this.applicationConfiguration = applicationConfiguration;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (server == null) {
            start();
        }
    }

    /**
     * Returns the port the device server is bound to.
     *
     * @return the port, or −1 while it is not running
     */
    public int port() {
        return boundPort;
    }

    private synchronized void start() {
        if (server != null) {
            return;
        }
        NettyHttpServerConfiguration serverConfiguration = new NettyHttpServerConfiguration(applicationConfiguration);
        serverConfiguration.setListeners(List.of(NettyHttpServerConfiguration.NettyListenerConfiguration.createTcp(
                configuration.host(),
                configuration.port() == 0 ? -1 : configuration.port(),
                true,
                DeviceIngressCertificates.NAME,
                DeviceIngressCertificates.NAME)));
        serverConfiguration.setMaxRequestSize(configuration.maxBodyBytes());
        ServerSslConfiguration ssl = new ServerSslConfiguration();
        ssl.setEnabled(true);
        ssl.setClientAuthentication(ClientAuthentication.WANT);
        ssl.setKeyName(DeviceIngressCertificates.NAME);
        ssl.setTrustName(DeviceIngressCertificates.NAME);
        ssl.setPreferOpenssl(false);
        ssl.getKey().setPassword(certificates.keyPassword());
        NettyEmbeddedServer created = factory.build(serverConfiguration, ssl);
        server = created;
        created.start();
        boundPort = created.getPort();
        LOG.info("Device port listening on {} (TLS, client certificates verified when presented)", boundPort);
    }

    /**
     * Stops the device port when the API server stops.
     *
     * @param event the API server's shutdown
     */
    @io.micronaut.runtime.event.annotation.EventListener
    void onShutdown(ServerShutdownEvent event) {
        if (event.getSource() != server) {
            stop();
        }
    }

    /** Stops the device port. */
    @PreDestroy
    public synchronized void stop() {
        NettyEmbeddedServer running = server;
        if (running != null) {
            boundPort = -1;
            running.stop();
            server = null;
        }
    }
}
