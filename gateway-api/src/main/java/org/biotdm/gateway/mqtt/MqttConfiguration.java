package org.biotdm.gateway.mqtt;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Settings of the MQTT device port, under {@code biotdm.mqtt} ({@code protocol/mqtt-v1.md}). Defaults are in {@code
 * application.yml}; the record is created at startup ({@code @Context}), so an out-of-range setting stops it.
 *
 * @param enabled whether the MQTT port is opened when the API server starts
 * @param port the TCP port, 8883 by default; 0 picks a free port (tests)
 * @param host the address to bind, or null for every interface
 * @param receiveMaximum the unacknowledged QoS 1 PUBLISHes one connection may have in flight (MQTT 5 Receive
 *     Maximum), 1 to 65535; 16 by default
 * @param maxPacketBytes the largest MQTT packet accepted, bytes (MQTT 5 Maximum Packet Size); by default a 256 KiB
 *     batch plus headers
 * @param maxKeepAlive the longest keep-alive granted, and the one given to a client that asks for none; 300 s by
 *     default
 * @param connectTimeout how long a new connection may take to send CONNECT after the TLS handshake; 10 s by default
 * @param maxConnections the most devices connected at once; further devices get CONNACK {@code 0x89} Server busy
 * @param threads the Netty event loop threads serving the port
 */
@Context
@ConfigurationProperties("biotdm.mqtt")
record MqttConfiguration(
        boolean enabled,
        @Min(0) @Max(65535) int port,
        @Nullable String host,
        @Min(1) @Max(65535) int receiveMaximum,
        @Min(1024) @Max(268435455) int maxPacketBytes,
        @NotNull @DurationMin(1000) Duration maxKeepAlive,
        @NotNull @DurationMin(100) Duration connectTimeout,
        @Min(1) int maxConnections,
        @Min(1) @Max(64) int threads) {}
