/**
 * BIoT-DM's wire formats, implemented once for every Java module: {@link org.biotdm.protocol.telemetry} (the
 * {@code biotdm-telemetry-v1} canonical text a device signs), {@link org.biotdm.protocol.signature} (ECDSA P-256,
 * DER or raw), {@link org.biotdm.protocol.receipt} ({@code biotdm-receipt-v1}), {@link org.biotdm.protocol.anchor}
 * ({@code biotdm-leaf-v1}, the RFC 6962 tree and inclusion proofs) and {@link org.biotdm.protocol.name} (sensor names
 * and device IDs). The specifications and the test vectors every implementation passes are in the repository's
 * {@code protocol/} folder.
 */
package org.biotdm.protocol;
