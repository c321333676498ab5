/**
 * Signed telemetry ingest, the hot path: strict parsing of the device's batch, the canonical encoding it signs,
 * ECDSA P-256 verification, the per-device sequence window, and the group-commit writer that stores accepted
 * batches in MariaDB inside the current anchoring window before acknowledging them. The device port and its
 * certificate checks live in {@code org.biotdm.gateway.ingress}.
 */
package org.biotdm.gateway.telemetry;
