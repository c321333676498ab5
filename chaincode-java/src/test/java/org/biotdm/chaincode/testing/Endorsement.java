package org.biotdm.chaincode.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * What one endorser produced for a proposal: the response, the write set, the metadata writes and the events.
 * Equality compares every value byte for byte, in write order.
 */
public final class Endorsement {
    private final String response;
    private final List<Map.Entry<String, byte[]>> writes;
    private final List<Map.Entry<String, byte[]>> metadataWrites;
    private final List<ChaincodeEvent> events;

    Endorsement(
            final String response,
            final Map<String, byte[]> writes,
            final Map<String, byte[]> metadataWrites,
            final List<ChaincodeEvent> events) {
        this.response = response;
        this.writes = List.copyOf(writes.entrySet().stream()
                .map(e -> new java.util.AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.toList()));
        this.metadataWrites = List.copyOf(metadataWrites.entrySet().stream()
                .map(e -> new java.util.AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.toList()));
        this.events = events;
    }

    public int writeCount() {
        return writes.size();
    }

    @Override
    public boolean equals(final Object other) {
        if (!(other instanceof Endorsement)) {
            return false;
        }
        final Endorsement that = (Endorsement) other;
        return response.equals(that.response)
                && sameEntries(writes, that.writes)
                && sameEntries(metadataWrites, that.metadataWrites)
                && events.equals(that.events);
    }

    @Override
    public int hashCode() {
        return Objects.hash(response, writes.size(), metadataWrites.size(), events);
    }

    @Override
    public String toString() {
        return "Endorsement{response=" + response + ", writes=" + writes.size() + ", events=" + events.size() + "}";
    }

    private static boolean sameEntries(
            final List<Map.Entry<String, byte[]>> left, final List<Map.Entry<String, byte[]>> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!left.get(i).getKey().equals(right.get(i).getKey())
                    || !Arrays.equals(left.get(i).getValue(), right.get(i).getValue())) {
                return false;
            }
        }
        return true;
    }
}
