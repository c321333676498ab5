package org.biotdm.chaincode.audit;

/**
 * Names the chaincode events; the name is both the Fabric event name and the {@code type} field of its payload.
 */
public enum EventType {
    /** RegisterDevice committed. */
    DeviceRegistered,
    /** ClaimDevice committed. */
    DeviceClaimed,
    /** RegisterDevices committed; the payload's {@code deviceIds} lists the devices it registered. */
    DevicesRegistered,
    /** ClaimDevices committed; the payload's {@code deviceIds} lists the devices it claimed. */
    DevicesClaimed,
    /** ActivateDevice committed. */
    DeviceActivated,
    /** SuspendDevice committed. */
    DeviceSuspended,
    /** ReactivateDevice committed. */
    DeviceReactivated,
    /** DecommissionDevice committed. */
    DeviceDecommissioned,
    /** RotateDeviceKey committed. */
    DeviceKeyRotated,
    /** UpdateDeviceMetadata committed. */
    DeviceMetadataUpdated,
    /** RecordFirmwareUpdate committed. */
    DeviceFirmwareUpdated,
    /** GrantDeviceAccess committed. */
    DeviceAccessGranted,
    /** RevokeDeviceAccess committed. */
    DeviceAccessRevoked,
    /** IssueCommand committed. */
    CommandIssued,
    /** MarkCommandDelivered committed. */
    CommandDelivered,
    /** CompleteCommand committed. */
    CommandCompleted,
    /** AnchorTelemetry recorded a new anchor. */
    TelemetryAnchored,
    /** PublishFirmware committed. */
    FirmwarePublished,
    /** RevokeFirmware committed. */
    FirmwareRevoked,
    /** RegisterFirmwareSigningKey committed. */
    FirmwareSigningKeyRegistered,
    /** RevokeFirmwareSigningKey committed. */
    FirmwareSigningKeyRevoked,
    /** SetFirmwareApprovalPolicy committed. */
    FirmwareApprovalPolicySet,
    /** CreateGroup committed. */
    GroupCreated,
    /** AddGroupMember committed; the payload's {@code deviceId} is the new member. */
    GroupMemberAdded,
    /** RemoveGroupMember committed; the payload's {@code deviceId} is the removed member. */
    GroupMemberRemoved,
    /** SetGroupPolicy committed. */
    GroupPolicyChanged,
    /** RegisterRule committed. */
    RuleRegistered,
    /** UpdateRule committed. */
    RuleUpdated,
    /** EnableRule committed. */
    RuleEnabled,
    /** DisableRule committed. */
    RuleDisabled,
    /** SetDesiredConfiguration committed: a new desired version and its {@code configuration} command. */
    ConfigurationDesiredSet,
    /** ReportConfiguration committed: the device's signed report completed its {@code configuration} command. */
    ConfigurationReported
}
