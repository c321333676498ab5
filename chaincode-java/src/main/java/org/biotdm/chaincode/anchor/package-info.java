/**
 * Telemetry anchors: the Merkle root of each closed telemetry window, written once per window id so anyone holding
 * the ledger can check that stored readings were not altered, dropped or inserted afterwards.
 */
package org.biotdm.chaincode.anchor;
