/**
 * {@code biotdm-json-v1} ({@code protocol/json-v1.md}): the one canonical JSON text whose SHA-256 the ledger records
 * for command parameters and results, and which a device hashes into its receipt.
 */
package org.biotdm.protocol.json;
