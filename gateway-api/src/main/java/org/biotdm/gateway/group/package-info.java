/**
 * Device groups as ledger objects (chaincode contract {@code groups}): the REST routes under {@code /api/v1/groups},
 * the typed ledger wrapper, and {@link org.biotdm.gateway.group.GroupDirectory}, a bounded read model kept from
 * chaincode events. See docs/automation.md.
 */
package org.biotdm.gateway.group;
