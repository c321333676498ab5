package org.biotdm.gateway.error;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the error catalogue as the published {@code protocol/errors.json}: every {@link ErrorCode} with its HTTP
 * status, meaning and where it occurs ({@code api}, {@code device}, {@code websocket}, {@code chaincode}), and the
 * chaincode table of {@link ChaincodeErrors}. A unit test fails when the committed file differs from this rendering;
 * it rewrites the file when run with {@code -Dbiotdm.errors.write=true}.
 */
public final class ErrorCatalogue {
    /**
     * The OpenAPI description of the error body's {@code code}: every code with its status and meaning. An annotation
     * needs a constant, so this text repeats the enum; {@code ErrorCatalogueTest} fails when it differs from {@link
     * #describeCodes()} and prints the text to paste.
     */
    static final String CODE_DESCRIPTION =
            """
            A code of the error catalogue (protocol/errors.md, protocol/errors.json); the response's HTTP status
            is always the code's:

            - `INVALID_ARGUMENT` (400): A parameter or body field is missing, malformed or out of range
            - `REQUEST_MALFORMED` (400): The request body is not valid JSON
            - `BAD_REQUEST` (400): The request could not be read: a parameter or the body has the wrong type
            - `NOT_FOUND` (404): No resource at this path on this port
            - `METHOD_NOT_ALLOWED` (405): The path does not accept this HTTP method
            - `NOT_ACCEPTABLE` (406): The resource cannot be produced in an accepted media type
            - `REQUEST_TOO_LARGE` (413): The request body is larger than the server accepts
            - `UNSUPPORTED_MEDIA_TYPE` (415): The request body's Content-Type is not accepted
            - `RATE_LIMITED` (429): Too many requests; retry after Retry-After seconds
            - `INTERNAL_ERROR` (500): Unexpected server failure; nothing is disclosed
            - `SERVICE_UNAVAILABLE` (503): The gateway cannot serve the request now; retry later
            - `DATABASE_UNAVAILABLE` (503): The database is unreachable; nothing was stored
            - `AUTH_REQUIRED` (401): No access token was presented
            - `AUTH_INVALID` (401): The access or refresh token is malformed, expired or unknown
            - `ACCESS_DENIED` (403): The caller's role, organisation or MSP does not allow this
            - `LOGIN_FAILED` (401): Wrong username or password
            - `LOGIN_THROTTLED` (429): Too many failed sign-ins; retry after Retry-After seconds
            - `BOOTSTRAP_TOKEN_INVALID` (401): The bootstrap token is wrong, spent or expired
            - `USER_EXISTS` (409): The username is taken
            - `USER_NOT_FOUND` (404): The organisation has no user of that name
            - `USER_IS_SELF` (409): Administrators cannot disable themselves
            - `PASSWORD_MISMATCH` (400): The current password is wrong
            - `ENROLLMENT_FAILED` (502): The Fabric CA refused the enrolment or answered unusably
            - `ENROLLMENT_UNAVAILABLE` (503): The Fabric CA is unreachable; retry later
            - `DEVICE_NOT_FOUND` (404): No device has this ID
            - `DEVICE_ACCESS_DENIED` (403): You may not see or administer this device
            - `DEVICE_EXISTS` (409): A device with this ID is already registered
            - `DEVICE_INVALID_TRANSITION` (409): The device lifecycle does not allow this status change
            - `DEVICE_DECOMMISSIONED` (409): The device is decommissioned; its record is kept for audit
            - `DEVICE_NOT_ACTIVE` (403): The device is not ACTIVE
            - `DEVICE_NOT_CLAIMABLE` (409): The device was registered with its key and cannot be claimed
            - `DEVICE_NOT_CLAIMED` (409): The device has not been claimed yet
            - `DEVICE_KEY_REUSED` (400): The new device key is the current one or was used before
            - `DEVICE_UNKNOWN` (403): No device is registered under the client certificate's CN
            - `DEVICE_CERT_REQUIRED` (401): A device client certificate with exactly one CN is required
            - `DEVICE_CERT_MISMATCH` (403): The client certificate is not the device's registered one
            - `DEVICE_REKEY_NOT_AUTHORISED` (403): No administrator authorised this device's key rotation
            - `DEVICE_REKEY_INVALID_CSR` (400): The rekey CSR is malformed or does not fit the profile
            - `CLAIM_TOKEN_MISMATCH` (403): The claim token is not the device's
            - `CLAIM_TOKEN_SPENT` (409): The claim token was already spent
            - `CLAIM_TOKEN_EXPIRED` (403): The claim token expired
            - `PROVISION_INVALID_REQUEST` (400): The provisioning request is missing or malformed
            - `PROVISION_INVALID_CSR` (400): The provisioning CSR is malformed or does not fit the profile
            - `TELEMETRY_MALFORMED` (400): The batch is not one well-formed biotdm-telemetry-v1 JSON object
            - `TELEMETRY_TOO_LARGE` (413): The batch is over the size or reading limit
            - `TELEMETRY_INVALID` (400): A batch field is missing, of the wrong type or out of range
            - `TELEMETRY_BAD_SIGNATURE` (400): The batch signature does not verify with the device's key
            - `TELEMETRY_CLOCK_SKEW` (400): The batch or a reading time is too far from the gateway's clock
            - `TELEMETRY_REPLAYED` (409): The sequence number is below the replay window
            - `TELEMETRY_SEQ_CONFLICT` (409): The sequence number was accepted before with other content
            - `TELEMETRY_BUSY` (503): Too many batches are waiting to be stored; retry later
            - `MQTT_PROTOCOL_ERROR` (400): The MQTT packet uses a feature the gateway does not offer or breaks the protocol
            - `MQTT_RECEIVE_MAXIMUM_EXCEEDED` (429): More unacknowledged QoS 1 PUBLISHes than Receive Maximum
            - `MQTT_SESSION_TAKEN_OVER` (409): A newer MQTT connection of the same device took over
            - `TELEMETRY_QUERY_TOO_MANY_BUCKETS` (400): The range spans too many buckets; widen the bucket
            - `EXPORT_BUSY` (503): Too many exports are running; retry later
            - `VERIFY_RANGE_TOO_LARGE` (400): The range covers too many anchoring windows; split it
            - `READING_NOT_FOUND` (404): No reading has this ID
            - `READING_NOT_ANCHORED` (409): The reading's window is not sealed or anchored yet
            - `READING_NOT_IN_ANCHOR` (409): The reading was not in its window when the window was sealed
            - `WINDOW_NOT_FOUND` (404): No sealed window of this gateway has this ledger window ID
            - `GRANT_NOT_FOUND` (404): No grant has this ID
            - `GRANT_EXISTS` (409): A grant with this ID already exists
            - `GRANT_REVOKED` (409): The grant was already revoked
            - `GRANT_REQUIRED` (403): No active grant covers you, the device and the command type
            - `GRANT_ACCESS_DENIED` (403): You may not see or change this grant
            - `GRANT_GRANTEE_NOT_FOUND` (404): Your organisation has no user of the grantee's name
            - `COMMAND_NOT_FOUND` (404): No command has this ID
            - `COMMAND_EXISTS` (409): A different command with this ID exists
            - `COMMAND_EXPIRED` (403): The command has expired
            - `COMMAND_INVALID_STATE` (409): The command's status does not allow this
            - `COMMAND_ALREADY_COMPLETED` (409): The command was already completed
            - `COMMAND_TYPE_RESERVED` (400): This command type is issued and completed through its own routes only
            - `RECEIPT_SIGNATURE_INVALID` (400): The receipt signature does not verify with the device's key
            - `CONFIGURATION_NOT_FOUND` (404): No configuration was ever set for this device
            - `CONFIGURATION_VERSION_STALE` (409): The configuration version is not the current one; read it again
            - `CONFIGURATION_TOO_LARGE` (413): The configuration document is over 4096 bytes as canonical JSON
            - `CONFIGURATION_INVALID` (422): The device refused the configuration as not valid for it
            - `FIRMWARE_NOT_FOUND` (404): No firmware is published under this model and version
            - `FIRMWARE_EXISTS` (409): This firmware version is already published
            - `FIRMWARE_REVOKED` (409): This firmware version is revoked
            - `FIRMWARE_DOWNGRADE` (409): The firmware's sequence number is not higher than the device's installed one
            - `FIRMWARE_MANIFEST_INVALID` (400): The firmware manifest is not a valid biotdm-firmware-manifest-v1 object
            - `FIRMWARE_UNSIGNED` (400): The firmware manifest carries no signature
            - `FIRMWARE_SIGNING_KEY_UNKNOWN` (400): The manifest's keyId names no firmware-signing key of the model's manufacturer
            - `FIRMWARE_SIGNING_KEY_REVOKED` (409): The firmware-signing key is revoked
            - `FIRMWARE_SIGNING_KEY_EXISTS` (409): This firmware-signing key is already registered
            - `FIRMWARE_SIGNING_KEY_NOT_FOUND` (404): No firmware-signing key of this ID is registered for the manufacturer
            - `FIRMWARE_SIGNATURE_INVALID` (400): The manifest signature does not verify with its firmware-signing key
            - `FIRMWARE_MODEL_MISMATCH` (409): The firmware is for another device model
            - `FIRMWARE_IMAGE_SIZE_MISMATCH` (400): The image's length differs from the manifest's size
            - `FIRMWARE_IMAGE_HASH_MISMATCH` (400): The image's SHA-256 differs from the manifest's
            - `FIRMWARE_DOWNLOAD_FAILED` (502): The device gave up downloading the firmware image after its retries
            - `FIRMWARE_UPDATE_TIMEOUT` (504): The device reported nothing on its firmware update within the campaign's device timeout
            - `FIRMWARE_IMAGE_TOO_LARGE` (413): The firmware image is larger than the gateway accepts
            - `FIRMWARE_IMAGE_NOT_ASSIGNED` (404): No open firmware update of this device uses an image with this SHA-256
            - `FIRMWARE_RANGE_NOT_SATISFIABLE` (416): The requested byte range lies outside the image
            - `FIRMWARE_UPDATE_INVALID_STATE` (409): The device's firmware update is not in a state that allows this report
            - `CAMPAIGN_NOT_FOUND` (404): No firmware campaign has this ID
            - `CAMPAIGN_EXISTS` (409): A firmware campaign with this ID already exists
            - `CAMPAIGN_INVALID_STATE` (409): The campaign's state does not allow this change
            - `CAMPAIGN_TARGET_INVALID` (400): The campaign targets no updatable device, or more than the gateway allows
            - `CAMPAIGN_LIMIT_REACHED` (409): Too many firmware campaigns are running or paused
            - `ALERT_NOT_FOUND` (404): No alert has this ID
            - `ALERT_ACCESS_DENIED` (403): You may not see this alert's device
            - `ALERT_INVALID_TRANSITION` (409): The alert's state does not allow this change
            - `ALERT_RULE_NOT_FOUND` (404): No alert rule has this ID
            - `ALERT_RULE_ACCESS_DENIED` (403): You may not see or change this alert rule
            - `GROUP_NOT_FOUND` (404): No device group has this ID
            - `GROUP_EXISTS` (409): A device group with this ID already exists
            - `GROUP_MEMBERSHIP_CONFLICT` (409): The device cannot join or leave this group as asked
            - `GROUP_POLICY_DENIED` (403): The device's group policy does not allow this command type
            - `RULE_NOT_FOUND` (404): No automation rule has this ID
            - `RULE_EXISTS` (409): An automation rule with this ID already exists
            - `RULE_DISABLED` (403): The automation rule is disabled
            - `RULE_NOT_COVERING` (403): The automation rule does not cover this device, command type or parameters
            - `BLOCK_NOT_FOUND` (404): The channel has no block of this number
            - `TRANSACTION_NOT_FOUND` (404): The channel has no transaction of this ID
            - `ANCHOR_NOT_FOUND` (404): No telemetry anchor has this window ID
            - `ANCHOR_CONFLICT` (409): A different anchor is already recorded for this window
            - `ANCHOR_WINDOW_FOREIGN` (403): The window ID belongs to another organisation's gateways
            - `LEDGER_UNAVAILABLE` (503): The ledger is unreachable; retry after Retry-After seconds
            - `LEDGER_CONFLICT` (409): Concurrent changes kept invalidating the transaction; retry
            - `LEDGER_UNKNOWN_OUTCOME` (504): Whether the transaction committed is unknown; look up its ID
            - `LEDGER_REJECTED` (502): The peer or orderer refused the request
            - `LEDGER_TRANSACTION_INVALID` (502): The peers invalidated the transaction at commit
            - `LEDGER_CHAINCODE_ERROR` (502): The chaincode failed without a known error code
            - `CLUSTER_MEMBER_UNKNOWN` (404): The cluster member is not registered, has no key yet or no session with the head
            - `CLUSTER_MEMBER_NOT_ACTIVE` (403): The cluster member is not ACTIVE on the ledger
            - `CLUSTER_PAIR_FOREIGN` (403): A member of the pair belongs to another cluster than the head's
            - `CLUSTER_GRANT_UNKNOWN` (404): The cluster head recorded no key grant of this hash
            - `CLUSTER_GRANT_NOT_ANCHORED` (409): The key grant's batch is not sealed or anchored yet; retry later
            - `CLUSTER_EXCHANGE_INVALID` (400): A cluster exchange message, key request or grant is malformed
            - `CLUSTER_EXCHANGE_STALE` (400): The cluster exchange is more than 30 s from the head's clock
            - `CLUSTER_EXCHANGE_REPLAYED` (409): The cluster exchange or key request repeats one already accepted
            - `CLUSTER_SIGNATURE_INVALID` (400): The exchange signature does not verify with the signer's registered device key
            - `CLUSTER_KEY_UNKNOWN` (404): The receiver holds no pairwise key of this key ID
            - `CLUSTER_KEY_EXPIRED` (403): The pairwise key has expired or its counters are used up
            - `CLUSTER_MESSAGE_INVALID` (400): The message or wrapped key fails its AES-GCM tag or is malformed
            - `CLUSTER_NONCE_REUSED` (409): The message counter was already received or is below the replay window
            - `LIVE_SLOW_CONSUMER` (429): The client read too slowly; the socket closes with 4008
            - `LIVE_TOO_MANY_SESSIONS` (429): Too many live sessions for one person; the oldest closes with 4029
            """;

    private ErrorCatalogue() {}

    /**
     * Renders the catalogue.
     *
     * @return {@code {"errorBody":…, "codes":[{code, status, meaning, occurs}], "chaincode":{code: entry},
     *     "chaincodeFallback":…}} as pretty-printed JSON with LF line ends and a final newline
     */
    public static String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));
            json.writeStartObject();
            json.writeStringField(
                    "errorBody",
                    "{code, message, transactionId?, timestamp, violations?: [{field, message}], correlationId?} on every error");
            writeCodes(json);
            writeChaincode(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    /**
     * Describes every code in one Markdown list, for the OpenAPI document.
     *
     * @return the text {@link #CODE_DESCRIPTION} must equal
     */
    static String describeCodes() {
        StringBuilder text = new StringBuilder(
                "A code of the error catalogue (protocol/errors.md, protocol/errors.json); the response's HTTP status"
                        + "\nis always the code's:\n\n");
        for (ErrorCode code : ErrorCode.values()) {
            text.append("- `")
                    .append(code.name())
                    .append("` (")
                    .append(code.status().getCode())
                    .append("): ")
                    .append(code.meaning())
                    .append('\n');
        }
        return text.toString();
    }

    private static void writeCodes(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("codes");
        for (ErrorCode code : ErrorCode.values()) {
            json.writeStartObject();
            json.writeStringField("code", code.name());
            json.writeNumberField("status", code.status().getCode());
            json.writeStringField("meaning", code.meaning());
            json.writeArrayFieldStart("occurs");
            for (ErrorCode.Surface surface : code.surfaces()) {
                json.writeString(surface.name().toLowerCase(Locale.ROOT));
            }
            if (ChaincodeErrors.raisedBy(code)) {
                json.writeString("chaincode");
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeChaincode(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("chaincode");
        for (Map.Entry<String, ErrorCode> entry : new TreeMap<>(ChaincodeErrors.table()).entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue().name());
        }
        json.writeEndObject();
        json.writeStringField("chaincodeFallback", ErrorCode.LEDGER_CHAINCODE_ERROR.name());
    }
}
