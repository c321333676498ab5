package org.biotdm.gateway.anchor;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerErrors;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerJson;
import org.biotdm.gateway.ledger.LedgerReceipt;

/**
 * Implements {@link AnchorLedger} on the chaincode's {@code anchors} contract with the gateway's own identity
 * ({@code biotdm.role=gateway}, which any organisation's gateway holds for {@code AnchorTelemetry}).
 */
@Singleton
public class FabricAnchorLedger implements AnchorLedger {
    /** The contract name in the BIoT-DM chaincode. */
    public static final String CONTRACT = "anchors";

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public FabricAnchorLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Submits {@code anchors:AnchorTelemetry} with {@code {"windowId","startTime","endTime","merkleRoot","leafCount",
     * "hashScheme"}} and waits for the commit.
     *
     * @param anchor the anchor
     * @return the transaction ID and block number
     * @throws LedgerException {@code ANCHOR_CONFLICT} or {@code INVALID_ARGUMENT} from the chaincode, or a ledger
     *     failure (see {@link LedgerErrors})
     */
    @Override
    public LedgerReceipt anchorTelemetry(TelemetryAnchor anchor) throws LedgerException {
        String argument = write(AnchorJson.of(anchor));
        return client.submit(
                        client.gatewayIdentity(),
                        CONTRACT,
                        "AnchorTelemetry",
                        "anchor:" + anchor.windowId(),
                        argument,
                        Map.of())
                .receipt();
    }

    /**
     * Evaluates {@code anchors:GetAnchor}.
     *
     * @param windowId the window's ledger ID
     * @return the anchor, or empty on {@code ANCHOR_NOT_FOUND}
     * @throws LedgerException a ledger failure or another chaincode error such as {@code INVALID_ARGUMENT}
     */
    @Override
    public Optional<TelemetryAnchor> getAnchor(String windowId) throws LedgerException {
        byte[] payload;
        try {
            payload = client.evaluate(client.gatewayIdentity(), CONTRACT, "GetAnchor", windowId);
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.ANCHOR_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(read(payload).toAnchor());
    }

    private String write(Object value) {
        return LedgerJson.write(json, value);
    }

    private AnchorJson read(byte[] payload) throws LedgerException {
        try {
            return json.readValue(payload, AnchorJson.class);
        } catch (IOException e) {
            throw new LedgerException(
                    LedgerException.Kind.CONTRACT,
                    ErrorCode.LEDGER_CHAINCODE_ERROR,
                    "GetAnchor returned a record that cannot be read: " + e.getMessage(),
                    null,
                    e);
        }
    }

    /** The anchor's JSON on the ledger; records carry more properties (txId, updatedAt…), which are ignored. */
    @Serdeable
    record AnchorJson(
            String windowId, long startTime, long endTime, String merkleRoot, long leafCount, String hashScheme) {
        static AnchorJson of(TelemetryAnchor anchor) {
            return new AnchorJson(
                    anchor.windowId(),
                    anchor.startTime(),
                    anchor.endTime(),
                    anchor.merkleRoot(),
                    anchor.leafCount(),
                    anchor.hashScheme());
        }

        TelemetryAnchor toAnchor() {
            return new TelemetryAnchor(windowId, startTime, endTime, merkleRoot, leafCount, hashScheme);
        }
    }
}
