package org.biotdm.chaincode.audit;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Ledger;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;

/**
 * Reads the history of record keys. Fabric keeps one entry per valid transaction that wrote the key, newest first;
 * every BIoT-DM record stores its writer in {@code updatedBy}/{@code updatedByMsp}, so each entry names its actor.
 */
public final class AuditStore {
    private final ChaincodeStub stub;

    /**
     * Creates the store.
     *
     * @param stub the chaincode stub
     */
    public AuditStore(final ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Reads the history of one key.
     *
     * @param stateKey the world-state key
     * @return the entries, newest first; empty when the key was never written
     */
    public List<AuditEntry> history(final String stateKey) {
        return Ledger.all(stub.getHistoryForKey(stateKey), AuditStore::entry);
    }

    private static AuditEntry entry(final KeyModification modification) {
        final SortedMap<String, Object> record = modification.isDeleted() ? null : tree(modification.getValue());
        return new AuditEntry(
                modification.getTxId(),
                modification.getTimestamp().toEpochMilli(),
                modification.isDeleted(),
                record == null ? null : (String) record.get("updatedBy"),
                record == null ? null : (String) record.get("updatedByMsp"),
                record);
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> tree(final byte[] value) {
        return (SortedMap<String, Object>) sorted(Json.read(value, Map.class));
    }

    @SuppressWarnings("unchecked")
    private static Object sorted(final Object value) {
        if (value instanceof Map) {
            final SortedMap<String, Object> out = new TreeMap<>();
            ((Map<String, Object>) value).forEach((name, inner) -> out.put(name, sorted(inner)));
            return out;
        }
        if (value instanceof List) {
            return ((List<Object>) value).stream().map(AuditStore::sorted).collect(Collectors.toList());
        }
        return value;
    }
}
