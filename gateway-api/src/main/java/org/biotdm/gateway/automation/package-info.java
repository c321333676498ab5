/**
 * Automation rules on the ledger (chaincode contract {@code rules}): the REST routes under {@code
 * /api/v1/automation/rules}, the in-memory rule book kept from chaincode events, and the {@link
 * org.biotdm.gateway.automation.RuleEvaluator}, which evaluates the rules on committed readings and raised alerts next
 * to the alert engine and issues a firing rule's command as the organisation's automation identity. See
 * docs/automation.md.
 */
package org.biotdm.gateway.automation;
