package org.biotdm.chaincode.configuration;

import org.biotdm.chaincode.audit.AuditEntity;
import org.biotdm.chaincode.audit.EventType;
import org.biotdm.chaincode.audit.Events;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Exposes device configuration as contract {@code configuration}; clients call {@code configuration:<Transaction>}.
 * Writes take one JSON argument and emit one event.
 */
@Contract(
        name = "configuration",
        info =
                @Info(
                        title = "BIoT-DM configuration",
                        description = "Desired and reported device configuration",
                        version = "0.1.0"))
public final class ConfigurationContract implements ContractInterface {

    /**
     * Sets a device's next desired configuration and issues the {@code configuration} command that carries it (its
     * {@code parametersSha256} is the document's hash; no grant is involved). Caller: {@code admin} of the device's
     * owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","version","sha256","sizeBytes","commandId","expiresAt"}}
     * @return {@code {"command","configuration"}}: the issued command and the device's configuration record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_NOT_ACTIVE}, {@code CONFIGURATION_VERSION_STALE} (not the current
     *     version plus one), {@code COMMAND_EXISTS}
     */
    @Transaction(name = "SetDesiredConfiguration", intent = Transaction.TYPE.SUBMIT)
    public String setDesiredConfiguration(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final ConfigurationWrite written = new ConfigurationRules(tx)
                .setDesired(Json.parse(request, SetDesiredConfigurationRequest.class)
                        .validate(tx));
        emit(tx, EventType.ConfigurationDesiredSet, written.getConfiguration().getDeviceId());
        return Json.write(written);
    }

    /**
     * Completes a {@code configuration} command with the device's signed {@code biotdm-receipt-v1} receipt,
     * verified as CompleteCommand verifies it, and records the report: on {@code SUCCEEDED} the receipt's
     * {@code resultSha256} becomes the reported configuration hash. Caller: {@code gateway} of the device's owner
     * organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"commandId","status","resultSha256","signature","code"?}}
     * @return {@code {"command","configuration"}}: the completed command and the configuration record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code COMMAND_NOT_FOUND}, {@code COMMAND_ALREADY_COMPLETED}, {@code COMMAND_EXPIRED},
     *     {@code COMMAND_INVALID_STATE}, {@code DEVICE_NOT_FOUND}, {@code DEVICE_NOT_CLAIMED},
     *     {@code RECEIPT_SIGNATURE_INVALID}, {@code CONFIGURATION_NOT_FOUND}, {@code CONFIGURATION_VERSION_STALE}
     *     (the device already reported a newer version)
     */
    @Transaction(name = "ReportConfiguration", intent = Transaction.TYPE.SUBMIT)
    public String reportConfiguration(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final ConfigurationWrite reported = new ConfigurationRules(tx)
                .report(Json.parse(request, ReportConfigurationRequest.class).validate());
        emit(tx, EventType.ConfigurationReported, reported.getConfiguration().getDeviceId());
        return Json.write(reported);
    }

    /**
     * Reads a device's configuration record. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param deviceId the device id
     * @return the configuration record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code CONFIGURATION_NOT_FOUND}
     */
    @Transaction(name = "GetConfiguration", intent = Transaction.TYPE.EVALUATE)
    public String getConfiguration(final Context ctx, final String deviceId) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new ConfigurationStore(tx.stub()).get(Check.id("deviceId", deviceId)));
    }

    private static void emit(final Tx tx, final EventType event, final String deviceId) {
        Events.emit(tx, event, AuditEntity.CONFIGURATION, deviceId, deviceId);
    }
}
