package org.biotdm.gateway.mqtt;

import io.micronaut.http.HttpStatus;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import java.util.concurrent.CompletionException;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A refusal on the MQTT port: a catalogue code and its message, and the MQTT reason codes it maps to ({@code
 * protocol/mqtt-v1.md}, *Refusals*). The message of a 5xx code is the code's catalogue meaning, so no detail of a
 * database or ledger failure reaches a device (it is logged).
 *
 * @param code the catalogue code
 * @param message the reason, without request content
 */
record MqttRefusal(ErrorCode code, String message) {
    private static final Logger LOG = LoggerFactory.getLogger(MqttRefusal.class);
    /** Longest reason string sent, in characters. */
    private static final int MAX_REASON = 256;

    /**
     * Returns the refusal a failed operation stands for.
     *
     * @param failure what an ingest or receipt failed with (possibly wrapped in a {@link CompletionException})
     * @return the refusal; an unexpected failure is {@code INTERNAL_ERROR}
     */
    static MqttRefusal of(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            return of(api.code(), api.getMessage());
        }
        if (cause instanceof LedgerException ledger) {
            return of(ledger.code(), ledger.getMessage());
        }
        LOG.error("MQTT request failed unexpectedly", cause);
        return of(ErrorCode.INTERNAL_ERROR, null);
    }

    /**
     * Returns a refusal with a code's meaning for 5xx codes and the given message otherwise.
     *
     * @param code the catalogue code
     * @param message the reason
     * @return the refusal
     */
    static MqttRefusal of(ErrorCode code, String message) {
        return new MqttRefusal(code, code.status().getCode() >= 500 || message == null ? code.meaning() : message);
    }

    /**
     * Returns the MQTT 5 reason string: {@code <CODE>: <message>}, at most {@value #MAX_REASON} characters.
     *
     * @return the reason string
     */
    String reasonString() {
        String text = code.name() + ": " + message;
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
    }

    /**
     * Returns the MQTT 5 PUBACK reason code (MQTT 5 §3.4.2.1).
     *
     * @return the reason code byte
     */
    byte pubAck() {
        return switch (code) {
            case ACCESS_DENIED, TELEMETRY_BAD_SIGNATURE, RECEIPT_SIGNATURE_INVALID -> MqttReasonCodes.PubAck
                    .NOT_AUTHORIZED
                    .byteValue();
            case NOT_FOUND -> MqttReasonCodes.PubAck.TOPIC_NAME_INVALID.byteValue();
            case TELEMETRY_MALFORMED,
                    TELEMETRY_INVALID,
                    TELEMETRY_TOO_LARGE,
                    INVALID_ARGUMENT,
                    REQUEST_MALFORMED -> MqttReasonCodes.PubAck.PAYLOAD_FORMAT_INVALID.byteValue();
            case RATE_LIMITED, TELEMETRY_BUSY -> MqttReasonCodes.PubAck.QUOTA_EXCEEDED.byteValue();
            default -> code.status().getCode() >= HttpStatus.INTERNAL_SERVER_ERROR.getCode()
                    ? MqttReasonCodes.PubAck.UNSPECIFIED_ERROR.byteValue()
                    : MqttReasonCodes.PubAck.IMPLEMENTATION_SPECIFIC_ERROR.byteValue();
        };
    }

    /**
     * Returns the CONNACK code (MQTT 5 §3.2.2.2 or, for an MQTT 3.1.1 client, §3.2.2.3 of 3.1.1).
     *
     * @param mqtt5 whether the client speaks MQTT 5
     * @return the code
     */
    MqttConnectReturnCode connAck(boolean mqtt5) {
        return switch (code) {
            case ACCESS_DENIED -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
            case SERVICE_UNAVAILABLE, LEDGER_UNAVAILABLE, DATABASE_UNAVAILABLE -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            case DEVICE_CERT_REQUIRED, DEVICE_UNKNOWN, DEVICE_CERT_MISMATCH, DEVICE_NOT_ACTIVE -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            default -> mqtt5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_IMPLEMENTATION_SPECIFIC
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
        };
    }
}
