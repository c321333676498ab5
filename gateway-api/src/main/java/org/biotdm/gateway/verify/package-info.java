/**
 * Verification for auditors: {@code GET /api/v1/verify} recomputes window roots from MariaDB and compares them with
 * the ledger's anchors, naming changed, missing and extra readings; {@code GET /api/v1/readings/{id}/proof} returns an
 * inclusion proof checkable against the ledger alone. Admins and auditors of any organisation may verify; reading
 * contents only reach those who may read the device ({@code ContentScope}).
 */
package org.biotdm.gateway.verify;
