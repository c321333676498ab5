package org.biotdm.devnet.ledger;

import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;

/**
 * Read access to one peer's committed world state and history database. Callers hold the peer's commit read lock
 * (see {@link PeerLedger#simulationLock()}) for as long as they read, so a simulation sees one consistent height.
 */
public interface StateReader {

    /**
     * Returns the committed entry of a key.
     *
     * @param namespace the chaincode name
     * @param key the key
     * @return the entry, or null when the key does not exist
     */
    VersionedValue get(String namespace, String key);

    /**
     * Iterates the committed keys of a namespace in {@code [startKey, endKey)}, ordered by UTF-8 byte order (not
     * Java's UTF-16 order).
     *
     * @param namespace the chaincode name
     * @param startKey the first key, inclusive; "" starts at the beginning of the namespace
     * @param endKey the end key, exclusive; "" means unbounded
     * @return an iterator over the entries
     */
    Iterator<VersionedValue> range(String namespace, String startKey, String endKey);

    /**
     * Returns the history of a key: one entry per valid transaction that wrote or deleted it, newest first, with the
     * transaction's channel header timestamp.
     *
     * @param namespace the chaincode name
     * @param key the key
     * @return the modifications, newest first; empty when the key was never written
     */
    List<KeyModification> history(String namespace, String key);
}
