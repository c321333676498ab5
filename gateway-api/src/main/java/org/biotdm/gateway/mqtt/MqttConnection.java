package org.biotdm.gateway.mqtt;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.security.cert.Certificate;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.AuthenticatedDevice;
import org.biotdm.gateway.logging.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One device's MQTT connection (MQTT 5.0 or 3.1.1, {@code protocol/mqtt-v1.md}): CONNECT with the device of the TLS
 * client certificate, then PUBLISH (handed to {@link DevicePublishes}), SUBSCRIBE to the device's own command topic
 * ({@link CommandPush}), PINGREQ and DISCONNECT. Every method runs on the channel's event loop; authentication runs on
 * the blocking executor with reading paused meanwhile. Every step runs in the connection's {@link MqttLogContext}
 * (request ID and, once connected, device ID in the MDC), as {@code logging/RequestIdFilter} does for HTTP.
 */
final class MqttConnection extends ChannelInboundHandlerAdapter {
    /** The name of the pipeline's idle handler, replaced by the keep-alive's once CONNECT is accepted. */
    static final String IDLE = "idle";

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    private final MqttServices services;
    private final MqttLogContext logContext = new MqttLogContext();
    private ChannelHandlerContext ctx;
    private volatile AuthenticatedDevice device;
    private boolean connecting;
    private boolean mqtt5;
    private boolean problemInformation = true;
    private DevicePublishes publishes;
    private volatile CommandPush commands;

    MqttConnection(MqttServices services) {
        this.services = services;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        try {
            if (msg instanceof MqttMessage message) {
                logContext.run(() -> dispatch(message));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) {
        if (event instanceof IdleStateEvent) {
            context.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (device != null) {
            logContext.run(() -> LOG.debug("MQTT connection closed"));
            services.sessions.unregister(device.deviceId(), this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        context.close();
    }

    private void dispatch(MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            undecodable(message.decoderResult().cause());
            return;
        }
        MqttMessageType type = message.fixedHeader().messageType();
        if (type == MqttMessageType.CONNECT) {
            onConnect((MqttConnectMessage) message);
        } else if (device == null) {
            ctx.close();
        } else {
            dispatchConnected(type, message);
        }
    }

    private void dispatchConnected(MqttMessageType type, MqttMessage message) {
        switch (type) {
            case PUBLISH -> publishes.onPublish((MqttPublishMessage) message);
            case PUBACK -> commands.acknowledged(((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
            case SUBSCRIBE -> commands.onSubscribe((MqttSubscribeMessage) message);
            case UNSUBSCRIBE -> commands.onUnsubscribe((MqttUnsubscribeMessage) message);
            case PINGREQ -> ctx.writeAndFlush(new MqttMessage(
                    new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));
            case DISCONNECT -> ctx.close();
            default -> refuse(
                    Disconnect.PROTOCOL_ERROR,
                    MqttRefusal.of(ErrorCode.MQTT_PROTOCOL_ERROR, "A client does not send " + type + " packets"));
        }
    }

    private void undecodable(Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            refuse(
                    Disconnect.PACKET_TOO_LARGE,
                    MqttRefusal.of(
                            ErrorCode.REQUEST_TOO_LARGE,
                            "Packets may have at most " + services.configuration.maxPacketBytes() + " bytes"));
        } else if (cause instanceof MqttUnacceptableProtocolVersionException) {
            connAckAndClose(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, null);
        } else {
            refuse(Disconnect.MALFORMED_PACKET, MqttRefusal.of(ErrorCode.MQTT_PROTOCOL_ERROR, "Malformed packet"));
        }
    }

    private void onConnect(MqttConnectMessage message) {
        if (connecting) {
            refuse(Disconnect.PROTOCOL_ERROR, MqttRefusal.of(ErrorCode.MQTT_PROTOCOL_ERROR, "A second CONNECT"));
            return;
        }
        connecting = true;
        int version = message.variableHeader().version();
        mqtt5 = version == 5;
        if (version != 4 && !mqtt5) {
            connAckAndClose(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, null);
            return;
        }
        MqttProperties properties = message.variableHeader().properties();
        if (properties.getProperty(MqttProperties.AUTHENTICATION_METHOD) != null) {
            connAckAndClose(
                    MqttConnectReturnCode.CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD,
                    MqttRefusal.of(ErrorCode.MQTT_PROTOCOL_ERROR, "The device is its client certificate's"));
            return;
        }
        if (message.variableHeader().isWillFlag()) {
            refuseConnect(MqttRefusal.of(ErrorCode.MQTT_PROTOCOL_ERROR, "Will messages are not offered"));
            return;
        }
        problemInformation = ConnectLimits.intProperty(properties, MqttProperties.REQUEST_PROBLEM_INFORMATION, 1) != 0;
        ConnectLimits limits = ConnectLimits.of(message, services.configuration);
        Certificate certificate = peerCertificate();
        ctx.channel().config().setAutoRead(false);
        services.executor.execute(logContext.wrap(() -> authenticate(certificate, limits)));
    }

    private void authenticate(Certificate certificate, ConnectLimits limits) {
        AuthenticatedDevice found = null;
        MqttRefusal refusal = null;
        try {
            found = services.authenticator.authenticate(certificate);
        } catch (ApiException e) {
            refusal = MqttRefusal.of(e.code(), e.getMessage());
        }
        AuthenticatedDevice authenticated = found;
        MqttRefusal refused = refusal;
        ctx.executor().execute(logContext.wrap(() -> connected(authenticated, refused, limits)));
    }

    private void connected(AuthenticatedDevice found, MqttRefusal refusal, ConnectLimits limits) {
        ctx.channel().config().setAutoRead(true);
        if (!ctx.channel().isActive()) {
            return;
        }
        if (refusal != null) {
            refuseConnect(refusal);
            return;
        }
        if (!limits.clientId().isEmpty() && !limits.clientId().equals(found.deviceId())) {
            refuseConnect(
                    MqttRefusal.of(ErrorCode.ACCESS_DENIED, "The client identifier must be empty or the device ID"));
            return;
        }
        device = found;
        logContext.device(found.deviceId());
        if (!services.sessions.register(found.deviceId(), this)) {
            connAckAndClose(
                    mqtt5
                            ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY
                            : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
                    MqttRefusal.of(ErrorCode.SERVICE_UNAVAILABLE, "The MQTT port holds its most connections"));
            return;
        }
        publishes = new DevicePublishes(this, services);
        commands = new CommandPush(this, services, limits);
        ctx.pipeline()
                .replace(
                        IDLE,
                        IDLE,
                        new IdleStateHandler(limits.keepAliveSeconds() * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        MDC.put(LogContext.DEVICE_ID, found.deviceId());
        LOG.debug("MQTT {} connection accepted, keep-alive {} s", mqtt5 ? "5" : "3.1.1", limits.keepAliveSeconds());
        ctx.writeAndFlush(MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(false)
                .properties(limits.connAckProperties(found.deviceId()))
                .build());
    }

    private Certificate peerCertificate() {
        try {
            Certificate[] chain =
                    ctx.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates();
            return chain.length == 0 ? null : chain[0];
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private void refuseConnect(MqttRefusal refusal) {
        connAckAndClose(refusal.connAck(mqtt5), refusal);
    }

    private void connAckAndClose(MqttConnectReturnCode code, MqttRefusal refusal) {
        MqttProperties properties = new MqttProperties();
        if (mqtt5 && refusal != null) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, refusal.reasonString()));
        }
        MqttConnAckMessage connAck = MqttMessageBuilders.connAck()
                .returnCode(code)
                .sessionPresent(false)
                .properties(properties)
                .build();
        ctx.writeAndFlush(connAck).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Closes the connection for a refusal: MQTT 5 clients get a DISCONNECT with the reason code and string first,
     * MQTT 3.1.1 clients, which have no server DISCONNECT, just the close.
     *
     * @param reason the DISCONNECT reason code
     * @param refusal the catalogue code and message
     */
    void refuse(Disconnect reason, MqttRefusal refusal) {
        if (!mqtt5 || device == null && !connecting) {
            ctx.close();
            return;
        }
        MqttProperties properties = new MqttProperties();
        properties.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, refusal.reasonString()));
        ctx.writeAndFlush(MqttMessageBuilders.disconnect()
                        .reasonCode(reason.byteValue())
                        .properties(properties)
                        .build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Closes this connection because a newer one of the same device took over (any thread). */
    void takenOver() {
        ctx.executor()
                .execute(logContext.wrap(() -> refuse(
                        Disconnect.SESSION_TAKEN_OVER,
                        MqttRefusal.of(
                                ErrorCode.MQTT_SESSION_TAKEN_OVER, "A newer connection of this device took over"))));
    }

    /**
     * Closes this connection because the ledger no longer admits the device (any thread).
     *
     * @param refusal {@code DEVICE_NOT_ACTIVE}, {@code DEVICE_CERT_MISMATCH} or {@code DEVICE_UNKNOWN}
     */
    void revoked(ApiException refusal) {
        ctx.executor()
                .execute(logContext.wrap(() -> refuse(
                        Disconnect.ADMINISTRATIVE_ACTION, MqttRefusal.of(refusal.code(), refusal.getMessage()))));
    }

    /** Pushes the device's pending commands if it subscribed to them (any thread). */
    void commandsPending() {
        CommandPush push = commands;
        if (push != null) {
            push.wake();
        }
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    /**
     * Returns the connection's log context, for the steps of its work that run elsewhere.
     *
     * @return the context
     */
    MqttLogContext logContext() {
        return logContext;
    }

    AuthenticatedDevice device() {
        return device;
    }

    boolean mqtt5() {
        return mqtt5;
    }

    /**
     * Returns whether reason strings and user properties may go on PUBACK and SUBACK (MQTT 5 Request Problem
     * Information, §3.1.2.11.7).
     *
     * @return false when the client asked for none
     */
    boolean problemInformation() {
        return mqtt5 && problemInformation;
    }
}
