package org.biotdm.devnet.peer;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.biotdm.devnet.ledger.Utf8KeyComparator;
import org.biotdm.devnet.ledger.Version;

/**
 * The writes of the transactions already found valid earlier in the block being validated, which later transactions
 * of the same block are checked against (Fabric's {@code validation/validator.go} "updates" batch).
 */
final class BlockOverlay {
    /** A pending write: the new value ({@code null} for a delete) at the writing transaction's height. */
    record Update(ByteString value, Version version) {}

    private final Map<String, NavigableMap<String, Update>> updates = new HashMap<>();
    private final Set<String> metadataUpdated = new HashSet<>();

    void put(String namespace, String key, ByteString value, Version version) {
        updates.computeIfAbsent(namespace, ns -> new TreeMap<>(Utf8KeyComparator.INSTANCE))
                .put(key, new Update(value, version));
    }

    void markMetadataUpdated(String namespace, String key) {
        metadataUpdated.add(namespace + '\u0000' + key);
    }

    boolean metadataUpdated(String namespace, String key) {
        return metadataUpdated.contains(namespace + '\u0000' + key);
    }

    Update get(String namespace, String key) {
        NavigableMap<String, Update> ns = updates.get(namespace);
        return ns == null ? null : ns.get(key);
    }

    NavigableMap<String, Update> namespace(String namespace) {
        NavigableMap<String, Update> ns = updates.get(namespace);
        return ns == null ? new TreeMap<>(Utf8KeyComparator.INSTANCE) : ns;
    }
}
