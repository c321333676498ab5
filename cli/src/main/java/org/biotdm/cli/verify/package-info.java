/**
 * {@code biotdm verify}: stored telemetry checked against the on-chain Merkle anchors as an auditor, through {@code
 * GET /api/v1/verify}, ending with the line {@code VERIFY windows=… ok=… mismatched=… readings=… pending=…}.
 */
package org.biotdm.cli.verify;
