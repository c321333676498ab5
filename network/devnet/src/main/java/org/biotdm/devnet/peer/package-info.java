/**
 * A peer of one organisation: the endorser (proposal checks and simulation, as Fabric's {@code core/endorser}), the
 * commit-time validator (as {@code core/committer/txvalidator} and the MVCC validator) and the commit pipeline that
 * tells waiters about a transaction only after its block is on disk.
 */
package org.biotdm.devnet.peer;
