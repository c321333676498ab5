package org.biotdm.chaincode.it;

import java.util.List;
import java.util.Map;

/** The JSON arguments of the write transactions, with the shapes of chaincode-java/README.md. */
final class Requests {
    /** A device model made by Org1, so Org1's admins publish its firmware. */
    static final String MODEL = "Org1MSP/env-sensor";

    private Requests() {}

    static Map<String, Object> registerWithKey(String deviceId, String group, DeviceKey key) {
        return Json.fields(
                "deviceId",
                deviceId,
                "deviceType",
                "env-sensor",
                "model",
                MODEL,
                "firmwareVersion",
                "1.0.0",
                "group",
                group,
                "metadata",
                Map.of("site", "plant-a", "room", "r-101"),
                "publicKeyPem",
                key.publicKeyPem(),
                "certFingerprint",
                key.certFingerprint());
    }

    static Map<String, Object> registerForClaim(String deviceId, String group, String claimTokenSha256) {
        return Json.fields(
                "deviceId", deviceId,
                "deviceType", "env-sensor",
                "model", MODEL,
                "firmwareVersion", "1.0.0",
                "group", group,
                "claimTokenSha256", claimTokenSha256);
    }

    static Map<String, Object> device(String deviceId) {
        return Json.fields("deviceId", deviceId);
    }

    static Map<String, Object> device(String deviceId, String reason) {
        return Json.fields("deviceId", deviceId, "reason", reason);
    }

    static Map<String, Object> deviceKey(String deviceId, DeviceKey key) {
        return Json.fields(
                "deviceId", deviceId, "publicKeyPem", key.publicKeyPem(), "certFingerprint", key.certFingerprint());
    }

    /** A grant of command types on one device to one identity of the grantee's organisation. */
    static Map<String, Object> grant(
            String grantId, BiotdmClient grantee, String deviceId, List<String> commandTypes, long expiresAt) {
        return Json.fields(
                "grantId", grantId,
                "granteeMsp", grantee.mspId(),
                "granteeId", grantee.fabricId(),
                "deviceId", deviceId,
                "commandTypes", commandTypes,
                "expiresAt", expiresAt);
    }

    static Map<String, Object> groupGrant(
            String grantId, BiotdmClient grantee, String deviceGroup, List<String> commandTypes, long expiresAt) {
        return Json.fields(
                "grantId", grantId,
                "granteeMsp", grantee.mspId(),
                "deviceGroup", deviceGroup,
                "commandTypes", commandTypes,
                "expiresAt", expiresAt);
    }

    static Map<String, Object> issueCommand(
            String commandId, String deviceId, String commandType, String parameters, long expiresAt) {
        return Json.fields(
                "commandId", commandId,
                "deviceId", deviceId,
                "commandType", commandType,
                "parametersSha256", Digests.sha256Hex(parameters),
                "expiresAt", expiresAt);
    }

    static Map<String, Object> command(String commandId) {
        return Json.fields("commandId", commandId);
    }

    static Map<String, Object> completeCommand(CommandReceipt receipt, String signature) {
        return Json.fields(
                "commandId", receipt.commandId(),
                "status", receipt.status(),
                "resultSha256", receipt.resultSha256(),
                "signature", signature);
    }
}
