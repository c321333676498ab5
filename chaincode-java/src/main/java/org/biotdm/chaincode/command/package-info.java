/**
 * Commands: an operator holding a grant issues a command to an active device; the gateway records its delivery
 * and completes it with the device's ECDSA P-256 signature over a canonical receipt, verified on-chain.
 */
package org.biotdm.chaincode.command;
