/**
 * Grants of device access, from the ledger to the API.
 *
 * <p>The grants API ({@code /api/v1/grants}, {@link org.biotdm.gateway.grant.GrantOperations}): admins grant operators
 * access to devices or device groups and command types until an expiry, and revoke it, on the ledger; grants decide
 * what operators see and command.
 *
 * <p>Beneath it, the ledger's grants as the gateway keeps them: the typed {@code grants} contract wrapper ({@link
 * org.biotdm.gateway.grant.GrantLedger}, records as {@link org.biotdm.gateway.grant.LedgerGrant}), the in-memory index
 * of active grants that the access policy reads on every request ({@link org.biotdm.gateway.grant.GrantIndex}), its
 * database copy {@code device_grants} ({@link org.biotdm.gateway.grant.GrantRepository}), and the chaincode event
 * listener that keeps both current ({@link org.biotdm.gateway.grant.GrantEventListener}). The rules that use them
 * live in {@code access}.
 */
package org.biotdm.gateway.grant;
