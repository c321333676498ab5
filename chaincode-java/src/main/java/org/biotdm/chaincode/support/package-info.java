/**
 * Cross-cutting support for every contract: deterministic JSON, composite-key namespaces, error codes, caller
 * roles, argument validation and paginated ledger reads.
 */
package org.biotdm.chaincode.support;
