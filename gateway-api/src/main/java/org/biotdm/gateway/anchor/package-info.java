/**
 * Telemetry anchoring: closes time windows of received readings, builds a Merkle tree over each window's readings
 * ({@link org.biotdm.protocol.anchor.MerkleTree}, leaves encoded by {@link org.biotdm.protocol.anchor.ReadingLeaf}),
 * and records the root on the ledger through a transactional outbox, exactly once, from any number of gateway
 * instances sharing one database.
 *
 * <p>Flow: writers join an open window under a shared row lock ({@link org.biotdm.gateway.anchor.AnchorWindowGate});
 * {@link org.biotdm.gateway.anchor.WindowSealer} seals windows in order under an exclusive lock, writing leaves, leaf
 * indexes and the outbox row in one transaction; {@link org.biotdm.gateway.anchor.AnchorSubmitter} submits {@code
 * AnchorTelemetry} and records the transaction ID and block. The hashing and encoding are documented in {@code
 * gateway-api/README.md} ("Verifying telemetry by hand") so auditors can re-implement them.
 *
 * <p>The {@code anchors} contract is reached through {@link org.biotdm.gateway.anchor.AnchorLedger} (on Fabric, {@link
 * org.biotdm.gateway.anchor.FabricAnchorLedger}), whose records are {@link org.biotdm.gateway.anchor.TelemetryAnchor};
 * verification ({@code verify}) reads anchors through the same interface.
 */
package org.biotdm.gateway.anchor;
