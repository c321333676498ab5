/**
 * Automation rules on the ledger: "when a condition on telemetry or an alert holds for a device or group, issue a
 * command to a device or group, at most once per cooldown". The gateway evaluates the conditions; IssueCommand accepts
 * an enabled rule that covers the device, command type and parameters as the authorisation instead of a grant
 * (docs/automation.md).
 */
package org.biotdm.chaincode.automation;
