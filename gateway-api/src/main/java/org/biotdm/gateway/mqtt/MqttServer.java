package org.biotdm.gateway.mqtt;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.biotdm.gateway.ingress.DeviceIngressCertificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT port ({@code protocol/mqtt-v1.md}): a Netty server started with the API server on {@code
 * biotdm.mqtt.port}, TLS 1.3 or 1.2 with the device port's certificate and a <b>required</b> client certificate from
 * the device port's trusted device CAs ({@link DeviceIngressCertificates}), Netty's MQTT codec limited to {@code
 * biotdm.mqtt.max-packet-bytes}, and one {@link MqttConnection} per channel. A channel that sends no CONNECT within
 * {@code connect-timeout} is closed.
 */
@Singleton
@Requires(property = "biotdm.mqtt.enabled", value = "true")
public class MqttServer implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(MqttServer.class);
    /** Longest client identifier accepted, characters (MQTT 5 §3.1.3.1 requires servers to allow 23). */
    private static final int MAX_CLIENT_ID = 128;

    private final MqttConfiguration configuration;
    private final DeviceIngressCertificates certificates;
    private final MqttServices services;
    private EventLoopGroup group;
    private Channel channel;
    private volatile int boundPort = -1;

    /**
     * Creates the (not yet started) MQTT port.
     *
     * @param configuration the MQTT settings
     * @param certificates the device port's key and trusted device CAs
     * @param services what the connections use
     */
    MqttServer(MqttConfiguration configuration, DeviceIngressCertificates certificates, MqttServices services) {
        this.configuration = configuration;
        this.certificates = certificates;
        this.services = services;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        start();
    }

    /**
     * Returns the port the MQTT server listens on.
     *
     * @return the port, or −1 while it is not running
     */
    public int port() {
        return boundPort;
    }

    private synchronized void start() {
        if (channel != null) {
            return;
        }
        SslContext ssl = sslContext();
        group = new MultiThreadIoEventLoopGroup(configuration.threads(), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel child) {
                        child.pipeline()
                                .addLast(ssl.newHandler(child.alloc()))
                                .addLast(
                                        MqttConnection.IDLE,
                                        new IdleStateHandler(
                                                configuration.connectTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new MqttDecoder(configuration.maxPacketBytes(), MAX_CLIENT_ID))
                                .addLast(MqttEncoder.INSTANCE)
                                .addLast(new MqttConnection(services));
                    }
                });
        InetSocketAddress address = configuration.host() == null
                ? new InetSocketAddress(configuration.port())
                : new InetSocketAddress(configuration.host(), configuration.port());
        channel = bootstrap.bind(address).syncUninterruptibly().channel();
        boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
        LOG.info("MQTT port listening on {} (TLS, device client certificate required)", boundPort);
    }

    private SslContext sslContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(certificates.serverKeyStore(), certificates.keyPassword().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(certificates.deviceCaTrustStore());
            return SslContextBuilder.forServer(keys)
                    .trustManager(trust)
                    .clientAuth(ClientAuth.REQUIRE)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (GeneralSecurityException | SSLException e) {
            throw new IllegalStateException("cannot build the MQTT port's TLS context", e);
        }
    }

    /** Stops the MQTT port, closing every connection. */
    @PreDestroy
    public synchronized void stop() {
        if (channel != null) {
            boundPort = -1;
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
            group = null;
        }
    }
}
