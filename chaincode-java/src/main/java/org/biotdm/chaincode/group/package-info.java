/**
 * Device groups as ledger objects of their owner organisation: members, and a group policy (allowed command types,
 * firmware channel, cluster-head device, co-endorsement by grant holders) under a key-level endorsement policy
 * (docs/automation.md).
 */
package org.biotdm.chaincode.group;
