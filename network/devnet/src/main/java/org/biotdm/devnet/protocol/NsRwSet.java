package org.biotdm.devnet.protocol;

import java.util.Objects;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;

/**
 * The public read/write set of one namespace (chaincode) inside a transaction, as Fabric's {@code
 * rwsetutil.NsRwSet}. Private-data (collection hashed) read/write sets are not carried.
 *
 * @param namespace the namespace, normally the chaincode name
 * @param rwset the parsed {@code kvrwset.KVRWSet}: reads, range queries, writes and metadata writes
 */
public record NsRwSet(String namespace, KVRWSet rwset) {

    /**
     * Creates the namespace read/write set.
     *
     * @param namespace the namespace, not null
     * @param rwset the key/value read/write set, not null
     */
    public NsRwSet {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(rwset, "rwset");
    }
}
