package org.biotdm.devnet.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;

/**
 * The history database of one peer: per (namespace, key) an immutable newest-first chain of modifications, so a reader
 * never sees a half-updated list even without the ledger lock.
 */
final class HistoryIndex {

    private final Map<String, Map<String, Node>> namespaces = new ConcurrentHashMap<>();

    private record Node(KeyModification modification, Node older, int size) {}

    void add(String namespace, String key, KeyModification modification) {
        Map<String, Node> keys = namespaces.computeIfAbsent(namespace, ns -> new ConcurrentHashMap<>());
        keys.compute(key, (k, older) -> new Node(modification, older, older == null ? 1 : older.size() + 1));
    }

    List<KeyModification> history(String namespace, String key) {
        Map<String, Node> keys = namespaces.get(namespace);
        Node node = keys == null ? null : keys.get(key);
        if (node == null) {
            return List.of();
        }
        List<KeyModification> newestFirst = new ArrayList<>(node.size());
        for (Node current = node; current != null; current = current.older()) {
            newestFirst.add(current.modification());
        }
        return newestFirst;
    }
}
