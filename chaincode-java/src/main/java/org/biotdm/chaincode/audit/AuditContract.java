package org.biotdm.chaincode.audit;

import java.util.List;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Exposes the audit trail as contract {@code audit}; clients call {@code audit:AuditTrail}.
 */
@Contract(
        name = "audit",
        info = @Info(title = "BIoT-DM audit trail", description = "History of any record", version = "0.1.0"))
public final class AuditContract implements ContractInterface {

    /**
     * Returns every committed version of a device, grant, command, anchor or firmware record, newest first, with
     * the transaction id, its time and the actor that wrote it. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param entity {@code device}, {@code grant}, {@code command}, {@code anchor}, {@code firmware}, {@code
     *     firmware_key} or {@code firmware_approval}
     * @param id the record id; for firmware {@code <model>@<version>}, for a firmware-signing key {@code <MSP
     *     ID>@<keyId>}, for the approval policy {@code policy}
     * @return {@code [{"actorId","actorMsp","deleted","record","timestamp","txId"}…]}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code GRANT_NOT_FOUND}, {@code COMMAND_NOT_FOUND}, {@code ANCHOR_NOT_FOUND},
     *     {@code FIRMWARE_NOT_FOUND}, {@code FIRMWARE_SIGNING_KEY_NOT_FOUND} when the key was never written
     */
    @Transaction(name = "AuditTrail", intent = Transaction.TYPE.EVALUATE)
    public String auditTrail(final Context ctx, final String entity, final String id) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        final AuditEntity kind = AuditEntity.fromLabel(entity);
        final List<AuditEntry> history = new AuditStore(tx.stub()).history(kind.stateKey(id));
        if (history.isEmpty()) {
            throw notFound(kind).error("No " + kind.label() + " " + id + " was ever recorded");
        }
        return Json.write(history);
    }

    private static ErrorCode notFound(final AuditEntity kind) {
        switch (kind) {
            case DEVICE:
                return ErrorCode.DEVICE_NOT_FOUND;
            case GRANT:
                return ErrorCode.GRANT_NOT_FOUND;
            case COMMAND:
                return ErrorCode.COMMAND_NOT_FOUND;
            case ANCHOR:
                return ErrorCode.ANCHOR_NOT_FOUND;
            case FIRMWARE_KEY:
                return ErrorCode.FIRMWARE_SIGNING_KEY_NOT_FOUND;
            default:
                return ErrorCode.FIRMWARE_NOT_FOUND;
        }
    }
}
