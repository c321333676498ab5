/**
 * The grants API ({@code /api/v1/grants}): admins grant operators access to devices or device groups and command
 * types until an expiry, and revoke it, on the ledger; grants decide what operators see and command.
 */
package org.biotdm.gateway.grant;
