/**
 * ECDSA P-256 signing and verification on BouncyCastle's fast path, SHA-256, and the PEM and {@code
 * msp.SerializedIdentity} encodings of Fabric's MSP files. Everything here is stateless or thread-safe.
 */
package org.biotdm.devnet.crypto;
