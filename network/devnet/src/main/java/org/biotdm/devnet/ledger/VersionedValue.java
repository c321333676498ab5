package org.biotdm.devnet.ledger;

import com.google.protobuf.ByteString;
import java.util.Map;

/**
 * A committed world-state entry.
 *
 * @param key the key, any UTF-8 string (composite keys start with U+0000)
 * @param value the value bytes, never empty for a present key
 * @param version the height of the transaction that last wrote the key
 * @param metadata the key's state metadata by name; {@code VALIDATION_PARAMETER} holds a serialized {@code
 *     common.SignaturePolicyEnvelope} for key-level endorsement
 */
public record VersionedValue(String key, ByteString value, Version version, Map<String, ByteString> metadata) {}
