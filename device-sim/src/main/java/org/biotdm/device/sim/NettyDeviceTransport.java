package org.biotdm.device.sim;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.biotdm.device.sdk.DeviceCredentials;
import org.biotdm.device.sdk.DeviceRequest;
import org.biotdm.device.sdk.DeviceResponse;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sdk.DeviceTransport;
import org.biotdm.device.sdk.DeviceTransportFactory;

/**
 * A {@link DeviceTransport} on a shared Netty event loop: HTTP/1.1 over TLS (host name verified, the device's client
 * certificate presented), with keep-alive connections that are reused for later requests. One request runs per
 * connection at a time; a second concurrent request (a command long-poll beside telemetry) opens a second
 * connection, and idle connections are kept for reuse, so a device normally holds one or two.
 */
public final class NettyDeviceTransport implements DeviceTransport {
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final DeviceEventLoop loop;
    private final SslContext ssl;
    private final String host;
    private final int port;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private boolean closed;

    private NettyDeviceTransport(DeviceEventLoop loop, SslContext ssl, URI base) {
        this.loop = loop;
        this.ssl = ssl;
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 443 : base.getPort();
    }

    /**
     * Returns a factory of transports to one device port on a shared event loop.
     *
     * @param loop the shared threads
     * @param base the device port, {@code https://host:port}
     * @param trusted the gateway's server certificate or CA
     * @return the factory
     */
    public static DeviceTransportFactory factory(DeviceEventLoop loop, URI base, List<X509Certificate> trusted) {
        TrustManagerFactory trust = DeviceTls.trustManagerFactory(List.copyOf(trusted));
        return credentials -> new NettyDeviceTransport(loop, sslContext(credentials, trust), base);
    }

    private static SslContext sslContext(DeviceCredentials credentials, TrustManagerFactory trust) {
        try {
            SslContextBuilder builder =
                    SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trust);
            if (credentials != null) {
                builder.keyManager(DeviceTls.keyManagers(credentials)[0]);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot build the TLS context", e);
        }
    }

    @Override
    public CompletableFuture<DeviceResponse> exchange(DeviceRequest request) {
        CompletableFuture<DeviceResponse> result = new CompletableFuture<>();
        Channel channel;
        synchronized (idle) {
            if (closed) {
                return CompletableFuture.failedFuture(new IOException("The transport is closed"));
            }
            channel = idle.pollFirst();
            while (channel != null && !channel.isActive()) {
                channel = idle.pollFirst();
            }
        }
        if (channel != null) {
            write(channel, request, result);
        } else {
            connect().addListener((ChannelFuture connected) -> {
                if (connected.isSuccess()) {
                    write(connected.channel(), request, result);
                } else {
                    result.completeExceptionally(connected.cause());
                }
            });
        }
        return result;
    }

    private ChannelFuture connect() {
        return new Bootstrap()
                .group(loop.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        SSLEngine engine = ssl.newEngine(channel.alloc(), host, port);
                        SSLParameters parameters = engine.getSSLParameters();
                        parameters.setEndpointIdentificationAlgorithm("HTTPS");
                        engine.setSSLParameters(parameters);
                        channel.pipeline()
                                .addLast(new SslHandler(engine))
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(MAX_RESPONSE_BYTES))
                                .addLast(new ResponseHandler());
                    }
                })
                .connect(host, port);
    }

    private void write(Channel channel, DeviceRequest request, CompletableFuture<DeviceResponse> result) {
        FullHttpRequest http = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1,
                HttpMethod.valueOf(request.method()),
                request.path(),
                request.body() == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(request.body()));
        http.headers()
                .set(HttpHeaderNames.HOST, host + ":" + port)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        if (request.body() != null) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        request.headers().forEach(http.headers()::set);
        HttpUtil.setContentLength(http, http.content().readableBytes());
        // The connection goes back to the idle pool before the caller sees the answer, so a request the caller
        // sends from its callback reuses it instead of opening a second connection.
        CompletableFuture<DeviceResponse> answer = new CompletableFuture<>();
        channel.attr(ResponseHandler.PENDING).set(answer);
        var timeout = channel.eventLoop()
                .schedule(
                        () -> {
                            if (answer.completeExceptionally(
                                    new TimeoutException("No answer within " + request.timeout()))) {
                                channel.close();
                            }
                        },
                        request.timeout().toMillis(),
                        TimeUnit.MILLISECONDS);
        answer.whenComplete((response, error) -> {
            timeout.cancel(false);
            if (response != null && channel.isActive() && !closedByServer(channel)) {
                release(channel);
            } else {
                channel.close();
            }
            if (error == null) {
                result.complete(response);
            } else {
                result.completeExceptionally(error);
            }
        });
        channel.writeAndFlush(http).addListener((ChannelFuture written) -> {
            if (!written.isSuccess()) {
                answer.completeExceptionally(written.cause());
            }
        });
    }

    private static boolean closedByServer(Channel channel) {
        return Boolean.TRUE.equals(channel.attr(ResponseHandler.CLOSE).get());
    }

    private void release(Channel channel) {
        synchronized (idle) {
            if (!closed) {
                idle.addLast(channel);
                return;
            }
        }
        channel.close();
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(Channel::close);
            idle.clear();
        }
    }

    /** Completes the connection's pending request with the aggregated response. */
    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        static final io.netty.util.AttributeKey<CompletableFuture<DeviceResponse>> PENDING =
                io.netty.util.AttributeKey.valueOf("biotdm.pending");
        static final io.netty.util.AttributeKey<Boolean> CLOSE = io.netty.util.AttributeKey.valueOf("biotdm.close");

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
            CompletableFuture<DeviceResponse> pending =
                    context.channel().attr(PENDING).getAndSet(null);
            context.channel().attr(CLOSE).set(!HttpUtil.isKeepAlive(response));
            if (pending != null) {
                pending.complete(new DeviceResponse(
                        response.status().code(),
                        ByteBufUtil.getBytes(response.content()),
                        response.headers().get("Retry-After")));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            fail(context, new IOException("Connection closed by the gateway"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            fail(context, cause);
            context.close();
        }

        private static void fail(ChannelHandlerContext context, Throwable cause) {
            CompletableFuture<DeviceResponse> pending =
                    context.channel().attr(PENDING).getAndSet(null);
            if (pending != null) {
                pending.completeExceptionally(cause);
            }
        }
    }
}
