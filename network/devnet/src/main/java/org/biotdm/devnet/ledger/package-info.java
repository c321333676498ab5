/**
 * One peer's ledger, as Fabric's {@code kvledger}: the append-only block store ({@link
 * org.biotdm.devnet.ledger.BlockStore}, fsync before a commit is reported), the world state and history rebuilt from it
 * ({@link org.biotdm.devnet.ledger.PeerLedger}), block hashing ({@link org.biotdm.devnet.ledger.Blocks}) and the
 * UTF-8 key order Fabric's LevelDB state uses ({@link org.biotdm.devnet.ledger.Utf8KeyComparator}).
 */
package org.biotdm.devnet.ledger;
