/**
 * Ledger access through the fabric-gateway client: configuration ({@link org.biotdm.gateway.ledger.LedgerConfiguration},
 * {@code biotdm.ledger.*}), one gRPC channel with a {@code Gateway} per Fabric identity ({@link
 * org.biotdm.gateway.ledger.GatewayPool}), submit and evaluate with error translation and read-conflict retries ({@link
 * org.biotdm.gateway.ledger.LedgerClient}, {@link org.biotdm.gateway.ledger.LedgerErrors}), the transaction log, event
 * checkpoints, and the anchor wrapper. Device wrappers live in {@code device}.
 */
package org.biotdm.gateway.ledger;
