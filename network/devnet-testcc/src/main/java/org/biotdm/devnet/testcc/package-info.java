/**
 * A Contract-API chaincode used only by the dev network's tests: each transaction exercises one shim request (state,
 * composite keys, ranges, pagination, history, key-level endorsement, events, private data, rich queries,
 * chaincode-to-chaincode calls) or one failure mode (exceptions, a crashed process), so the tests can drive them
 * through the unmodified shim.
 */
package org.biotdm.devnet.testcc;
