/**
 * The audit API ({@code /api/v1/audit}): ledger histories of devices, commands and grants, the telemetry anchors, and
 * block and transaction lookup through Fabric's query system chaincode {@code qscc}.
 */
package org.biotdm.gateway.audit;
