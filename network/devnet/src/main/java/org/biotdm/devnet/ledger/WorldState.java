package org.biotdm.devnet.ledger;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The world state of one peer: per namespace a sorted map in UTF-8 key order. Mutated only by the committer under the
 * ledger's write lock; the maps are concurrent so that a reader without the lock still sees a consistent entry.
 */
final class WorldState {

    private final Map<String, ConcurrentNavigableMap<String, VersionedValue>> namespaces = new ConcurrentHashMap<>();

    VersionedValue get(String namespace, String key) {
        ConcurrentNavigableMap<String, VersionedValue> keys = namespaces.get(namespace);
        return keys == null ? null : keys.get(key);
    }

    Iterator<VersionedValue> range(String namespace, String startKey, String endKey) {
        ConcurrentNavigableMap<String, VersionedValue> keys = namespaces.get(namespace);
        if (keys == null) {
            return Collections.emptyIterator();
        }
        if (endKey.isEmpty()) {
            return keys.tailMap(startKey, true).values().iterator();
        }
        if (Utf8KeyComparator.compareKeys(startKey, endKey) >= 0) {
            return Collections.emptyIterator();
        }
        return keys.subMap(startKey, true, endKey, false).values().iterator();
    }

    void put(String namespace, VersionedValue value) {
        namespaces
                .computeIfAbsent(namespace, ns -> new ConcurrentSkipListMap<>(Utf8KeyComparator.INSTANCE))
                .put(value.key(), value);
    }

    void delete(String namespace, String key) {
        ConcurrentNavigableMap<String, VersionedValue> keys = namespaces.get(namespace);
        if (keys != null) {
            keys.remove(key);
        }
    }

    /**
     * Hashes the whole state; see {@link PeerLedger#stateHash()} for the encoding. The caller holds the read lock so
     * that the state does not change underneath.
     */
    ByteString hash() {
        MessageDigest digest = Blocks.sha256();
        ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
        List<String> names =
                namespaces.keySet().stream().sorted(Utf8KeyComparator.INSTANCE).toList();
        for (String namespace : names) {
            byte[] nsBytes = namespace.getBytes(StandardCharsets.UTF_8);
            for (VersionedValue entry : namespaces.get(namespace).values()) {
                field(digest, number, nsBytes);
                field(digest, number, entry.key().getBytes(StandardCharsets.UTF_8));
                field(digest, number, entry.value());
                u64(digest, number, entry.version().blockNum());
                u64(digest, number, entry.version().txNum());
                metadata(digest, number, entry.metadata());
            }
        }
        return ByteString.copyFrom(digest.digest());
    }

    private static void metadata(MessageDigest digest, ByteBuffer number, Map<String, ByteString> metadata) {
        u32(digest, number, metadata.size());
        List<String> names =
                metadata.keySet().stream().sorted(Utf8KeyComparator.INSTANCE).toList();
        for (String name : names) {
            field(digest, number, name.getBytes(StandardCharsets.UTF_8));
            field(digest, number, metadata.get(name));
        }
    }

    private static void field(MessageDigest digest, ByteBuffer number, byte[] bytes) {
        u32(digest, number, bytes.length);
        digest.update(bytes);
    }

    private static void field(MessageDigest digest, ByteBuffer number, ByteString bytes) {
        u32(digest, number, bytes.size());
        digest.update(bytes.asReadOnlyByteBuffer());
    }

    private static void u32(MessageDigest digest, ByteBuffer number, int value) {
        digest.update(number.clear().putInt(value).flip());
    }

    private static void u64(MessageDigest digest, ByteBuffer number, long value) {
        digest.update(number.clear().putLong(value).flip());
    }
}
