package org.biotdm.gateway.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.util.List;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The properties of a BIoT-DM chaincode event's JSON payload that the gateway's event followers read (the format is
 * the chaincode's, {@code chaincode-java/README.md} "Events"): {@code deviceId} of a single-device event, {@code
 * deviceIds} of a batch's ({@code DevicesRegistered}, {@code DevicesClaimed}), the event's {@code type} and the
 * changed record's {@code key} ({@code <entity>:<id>}, for example {@code command:<commandId>}). Any may be absent.
 *
 * @param deviceId the device of a single-device event, or null
 * @param deviceIds the devices of a batch event, or null
 * @param type the event type, for example {@code CommandIssued}, or null
 * @param key the changed record's {@code <entity>:<id>}, or null
 */
@Serdeable
public record ChaincodeEventPayload(
        @Nullable String deviceId, @Nullable List<String> deviceIds, @Nullable String type, @Nullable String key) {
    private static final Logger LOG = LoggerFactory.getLogger(ChaincodeEventPayload.class);
    private static final ChaincodeEventPayload EMPTY = new ChaincodeEventPayload(null, null, null, null);

    /**
     * Reads an event's payload; an unreadable one is logged (event name and transaction only) and read as empty.
     *
     * @param json the JSON mapper
     * @param event the chaincode event
     * @return the payload's properties, all null when it is not a JSON object
     */
    public static ChaincodeEventPayload read(ObjectMapper json, ChaincodeEvent event) {
        try {
            ChaincodeEventPayload payload = json.readValue(event.getPayload(), ChaincodeEventPayload.class);
            return payload == null ? EMPTY : payload;
        } catch (IOException e) {
            LOG.warn(
                    "event {} in transaction {} has no readable payload",
                    event.getEventName(),
                    event.getTransactionId());
            return EMPTY;
        }
    }

    /**
     * Returns the record's own ID: the key without its {@code <entity>:} prefix.
     *
     * @return the ID, or null when there is no key
     */
    public @Nullable String keyId() {
        return key == null ? null : key.substring(key.indexOf(':') + 1);
    }
}
