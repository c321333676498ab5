/**
 * ECDSA on NIST P-256 with SHA-256, as devices sign telemetry and command receipts: signing with deterministic nonces
 * (RFC 6979) and verification of DER (RFC 3279) or raw {@code r||s} (IEEE P1363) signatures, with BouncyCastle.
 */
package org.biotdm.protocol.signature;
