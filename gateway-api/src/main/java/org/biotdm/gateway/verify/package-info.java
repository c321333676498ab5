/**
 * Verification for auditors: {@code GET /api/v1/verify} recomputes window roots from MariaDB and compares them with
 * the ledger's anchors, naming changed, missing and extra readings; {@code GET /api/v1/readings/{id}/proof} returns an
 * inclusion proof checkable against the ledger alone. Guarded by a configured auditor bearer token until issue 5.
 */
package org.biotdm.gateway.verify;
