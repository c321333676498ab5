/**
 * The access policy: which devices a signed-in person may see and act on, mirroring the chaincode's grants and
 * ownership rules. Every package that shows or acts on devices (devices, telemetry queries, exports, alerts, commands,
 * live events, audit, grants) asks {@link org.biotdm.gateway.access.DeviceAccess}; {@link
 * org.biotdm.gateway.access.GrantDeviceAccess} holds the rules (admins and auditors by ownership, operators by grant).
 *
 * <p>The policy stays apart from {@code grant}, which keeps the grants themselves (the ledger wrapper, the in-memory
 * index, the database copy and their event listener) and serves the grants API: the rules read the grant index, but
 * a reader looking for why someone may or may not see a device should find the rules here, in one place, rather than
 * among the ledger plumbing, and the many packages that ask the policy need not depend on that plumbing.
 */
package org.biotdm.gateway.access;
