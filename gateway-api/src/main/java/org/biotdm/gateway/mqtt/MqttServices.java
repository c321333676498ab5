package org.biotdm.gateway.mqtt;

import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import org.biotdm.gateway.command.CommandDelivery;
import org.biotdm.gateway.command.CommandReceipts;
import org.biotdm.gateway.command.ReceiptRequest;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.DeviceAuthenticator;
import org.biotdm.gateway.telemetry.TelemetryService;

/**
 * What every MQTT connection uses: the device transports' shared services (authentication, telemetry ingest, command
 * delivery and receipts, exactly those of the HTTPS device port), the MQTT settings, the connected devices and the
 * blocking executor for registry, database and ledger calls.
 */
@Singleton
final class MqttServices {
    final MqttConfiguration configuration;
    final DeviceAuthenticator authenticator;
    final TelemetryService telemetry;
    final CommandDelivery delivery;
    final CommandReceipts receipts;
    final MqttSessions sessions;
    final JsonMapper json;
    final ExecutorService executor;

    /**
     * Collects the services.
     *
     * @param configuration the MQTT settings
     * @param authenticator the device authenticator shared with the HTTPS device port
     * @param telemetry the ingest pipeline (group commit)
     * @param delivery hands out commands, recording delivery on the ledger
     * @param receipts completes commands with signed receipts
     * @param sessions the connected devices
     * @param json the JSON mapper for commands and receipts
     * @param executor the blocking executor
     */
    MqttServices(
            MqttConfiguration configuration,
            DeviceAuthenticator authenticator,
            TelemetryService telemetry,
            CommandDelivery delivery,
            CommandReceipts receipts,
            MqttSessions sessions,
            JsonMapper json,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.configuration = configuration;
        this.authenticator = authenticator;
        this.telemetry = telemetry;
        this.delivery = delivery;
        this.receipts = receipts;
        this.sessions = sessions;
        this.json = json;
        this.executor = executor;
    }

    /**
     * Reads a receipt payload, the body of {@code POST /device/v1/commands/{commandId}/receipt}.
     *
     * @param payload the PUBLISH payload
     * @return the receipt
     * @throws ApiException {@code REQUEST_MALFORMED} when it is not JSON of the receipt's shape
     */
    ReceiptRequest receipt(byte[] payload) {
        try {
            ReceiptRequest receipt = json.readValue(payload, ReceiptRequest.class);
            if (receipt == null) {
                throw ErrorCode.REQUEST_MALFORMED.error("The receipt is not a JSON object");
            }
            return receipt;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException api) {
                throw api;
            }
            throw ErrorCode.REQUEST_MALFORMED.error("The receipt is not a JSON object of the receipt's fields");
        }
    }
}
