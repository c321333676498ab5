package org.biotdm.gateway.firmware;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.body.stream.BodySizeLimits;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.micronaut.http.server.netty.handler.PipeliningServerHandler;
import io.micronaut.runtime.server.EmbeddedServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;

/**
 * Lets firmware uploads ({@code POST /api/v1/firmware}) be up to {@code biotdm.firmware.max-image-bytes} while every
 * other request on the API port keeps {@code micronaut.server.max-request-size} (1 MB). Micronaut 4 applies one body
 * limit to a whole HTTP/1.1 connection, fixed when Netty's pipeline is built; this registers a {@link
 * NettyServerCustomizer} that puts a handler before Micronaut's inbound handler on API-port connections, and that
 * handler sets the connection's limit for each request from its method and path just before Micronaut creates the
 * request's body. A larger upload is cut off by Micronaut with 413, which {@code ServiceErrorResponseProcessor} answers
 * with {@code FIRMWARE_IMAGE_TOO_LARGE}; the image store enforces the same limit again as it streams.
 *
 * <p>It relies on {@link PipeliningServerHandler#setBodySizeLimits}, public but internal to Micronaut: on an HTTP/2
 * connection (not used by the API port, which serves HTTP/1.1) uploads keep the 1 MB limit.
 */
@Singleton
class UploadBodyLimit implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    /** The upload route, whose body is the raw image. */
    static final String UPLOAD_PATH = "/api/v1/firmware";

    private static final String HANDLER = "biotdm-upload-body-limit";

    private final BodySizeLimits upload;
    private final BodySizeLimits others;
    private final BeanProvider<EmbeddedServer> apiServer;

    /**
     * Creates the listener.
     *
     * @param firmware the upload limit
     * @param server the API server's limits
     * @param apiServer the API server (its port tells its connections from the device port's)
     */
    UploadBodyLimit(
            FirmwareConfiguration firmware, HttpServerConfiguration server, BeanProvider<EmbeddedServer> apiServer) {
        this.others = new BodySizeLimits(server.getMaxRequestSize(), server.getMaxRequestBufferSize());
        this.upload = new BodySizeLimits(
                Math.max(firmware.maxImageBytes(), server.getMaxRequestSize()), server.getMaxRequestBufferSize());
        this.apiServer = apiServer;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private boolean onApiPort(Channel channel) {
        return channel.localAddress() instanceof InetSocketAddress local
                && local.getPort() == apiServer.get().getPort();
    }

    /** Adds the per-request handler to each API-port connection. */
    private final class Customizer implements NettyServerCustomizer {
        private final Channel connection;

        Customizer(Channel connection) {
            this.connection = connection;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (connection == null || !onApiPort(connection)) {
                return;
            }
            ChannelHandler inbound = connection.pipeline().get(ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND);
            if (inbound instanceof PipeliningServerHandler pipelining
                    && connection.pipeline().get(HANDLER) == null) {
                connection
                        .pipeline()
                        .addBefore(
                                ChannelPipelineCustomizer.HANDLER_MICRONAUT_INBOUND,
                                HANDLER,
                                new RouteLimit(pipelining));
            }
        }
    }

    /** Sets the connection's body limit for each request before Micronaut reads it. */
    private final class RouteLimit extends ChannelInboundHandlerAdapter {
        private final PipeliningServerHandler pipelining;

        RouteLimit(PipeliningServerHandler pipelining) {
            this.pipelining = pipelining;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                pipelining.setBodySizeLimits(isUpload(request) ? upload : others);
            }
            ctx.fireChannelRead(msg);
        }

        private boolean isUpload(HttpRequest request) {
            return HttpMethod.POST.equals(request.method())
                    && UPLOAD_PATH.equals(new QueryStringDecoder(request.uri()).path());
        }
    }
}
