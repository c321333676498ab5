/**
 * Unpacks Fabric's transaction envelopes ({@code common.Envelope} down to the {@code KVRWSet}s) into a flat {@link
 * org.biotdm.devnet.protocol.ParsedTransaction}, reporting malformed input with the {@code TxValidationCode} a Fabric
 * committer would give it (Fabric {@code core/common/validation/msgvalidation.go} and the validator dispatcher).
 * Checks that need cryptography (signatures, txid recomputation, proposal hash) are left to the caller; this package
 * only provides the hash and txid functions they use.
 */
package org.biotdm.devnet.protocol;
