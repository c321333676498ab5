package org.biotdm.chaincode.anchor;

import java.util.Optional;
import org.biotdm.chaincode.audit.AuditEntity;
import org.biotdm.chaincode.audit.EventType;
import org.biotdm.chaincode.audit.Events;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Exposes telemetry anchors as contract {@code anchors}; clients call {@code anchors:<Transaction>}.
 */
@Contract(
        name = "anchors",
        info =
                @Info(
                        title = "BIoT-DM telemetry anchors",
                        description = "Merkle roots of telemetry windows",
                        version = "0.1.0"))
public final class AnchorContract implements ContractInterface {

    /**
     * Records the Merkle root of a closed telemetry window, once per window id. Resubmitting the identical anchor
     * (same times, root, leaf count, scheme and organisation) succeeds, writes nothing, emits no event and returns
     * the anchor already recorded, so a gateway may retry safely. Caller: {@code gateway} of the organisation whose
     * MSP ID, followed by {@code -}, starts the window id.
     *
     * @param ctx the transaction context
     * @param request {@code {"windowId","startTime","endTime","merkleRoot","leafCount","hashScheme"}}
     * @return the recorded anchor
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code ANCHOR_WINDOW_FOREIGN} when the window id does not start with the caller's MSP ID and {@code -},
     *     {@code ANCHOR_CONFLICT} when a different anchor holds the window id
     */
    @Transaction(name = "AnchorTelemetry", intent = Transaction.TYPE.SUBMIT)
    public String anchorTelemetry(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        Access.requireRole(tx.caller(), Role.GATEWAY);
        final TelemetryAnchor anchor =
                Json.parse(request, AnchorTelemetryRequest.class).validate().toAnchor(tx);
        AnchorStore.requireOwnWindow(anchor.getWindowId(), tx.caller().mspId());
        final AnchorStore store = new AnchorStore(tx.stub());
        final Optional<TelemetryAnchor> existing = store.find(anchor.getWindowId());
        if (existing.isPresent()) {
            if (!existing.get().sameContent(anchor)) {
                throw ErrorCode.ANCHOR_CONFLICT.error(
                        "Window " + anchor.getWindowId() + " is already anchored with different content");
            }
            return Json.write(existing.get());
        }
        store.create(anchor);
        Events.emit(tx, EventType.TelemetryAnchored, AuditEntity.ANCHOR, anchor.getWindowId(), null);
        return Json.write(anchor);
    }

    /**
     * Reads the anchor of a window. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param windowId the window id
     * @return the anchor
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code ANCHOR_NOT_FOUND}
     */
    @Transaction(name = "GetAnchor", intent = Transaction.TYPE.EVALUATE)
    public String getAnchor(final Context ctx, final String windowId) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new AnchorStore(tx.stub()).get(Check.id("windowId", windowId)));
    }

    /**
     * Lists anchors whose window starts in {@code [from, to)}, by start time, one page at a time. Caller: any
     * BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param query {@code {"from","to","pageSize"?,"bookmark"?}}
     * @return {@code {"bookmark","fetchedCount","records":[anchor…]}}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "ListAnchors", intent = Transaction.TYPE.EVALUATE)
    public String listAnchors(final Context ctx, final String query) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new AnchorStore(tx.stub())
                .list(Json.parse(query, ListAnchorsQuery.class).validate()));
    }
}
