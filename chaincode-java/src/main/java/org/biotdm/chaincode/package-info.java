/**
 * BIoT-DM chaincode: the authoritative device registry, access grants, command authorisations, telemetry anchors,
 * firmware catalogue and audit trail of a BIoT-DM consortium, as Hyperledger Fabric Contract API contracts.
 *
 * <p>Each sub-package is one feature: a contract class holding the transaction functions, immutable
 * {@code @DataType} records and a {@code *Store} that owns the feature's world-state keys. Cross-cutting pieces
 * (JSON, keys, errors, roles) live in {@link org.biotdm.chaincode.support}.
 */
package org.biotdm.chaincode;
