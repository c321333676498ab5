/**
 * {@code biotdm-cluster-keys-v1} ({@code protocol/cluster-keys-v1.md}): the signature-based authentication of a
 * member to its cluster head after EDHOC (RFC 9528, method 0), the key grant of a one-time pairwise key derived with
 * HKDF-SHA256 (RFC 5869) and wrapped with AES-256-GCM (NIST SP 800-38D) for each member, and member-to-member
 * AES-GCM messages with counters and an RFC 4303 replay window. Every primitive is BouncyCastle's low-level API;
 * ECDSA goes through {@link org.biotdm.protocol.signature.EcdsaP256}.
 */
package org.biotdm.protocol.cluster;
