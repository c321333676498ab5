/**
 * Ledger access through the fabric-gateway client: configuration ({@link org.biotdm.gateway.ledger.LedgerConfiguration},
 * {@code biotdm.ledger.*}), one gRPC channel with a {@code Gateway} per Fabric identity ({@link
 * org.biotdm.gateway.ledger.GatewayPool}), submit and evaluate with error translation and read-conflict retries ({@link
 * org.biotdm.gateway.ledger.LedgerClient}, {@link org.biotdm.gateway.ledger.LedgerErrors}), the transaction log, the
 * chaincode event follower with its checkpoints that the device and grant listeners run on ({@link
 * org.biotdm.gateway.ledger.ChaincodeEventFollower}, {@link org.biotdm.gateway.ledger.EventCheckpoints}). The typed
 * contract wrappers live with their domain: devices in {@code device}, grants in {@code grant}, anchors in {@code
 * anchor}.
 */
package org.biotdm.gateway.ledger;
