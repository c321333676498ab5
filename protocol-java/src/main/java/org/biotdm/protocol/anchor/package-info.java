/**
 * Anchoring telemetry ({@code protocol/leaf-v1.md}): the {@code biotdm-leaf-v1} encoding of a reading, the RFC 6962
 * Merkle tree over a window's leaves ({@code biotdm-merkle-sha256-v1}) and its inclusion proofs.
 */
package org.biotdm.protocol.anchor;
