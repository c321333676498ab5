package org.biotdm.chaincode.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Network;

/** Reads the {@code biotdm} chaincode events from the gateway's ChaincodeEvents stream. */
final class EventLog {
    private EventLog() {}

    /**
     * Reads every chaincode event from a block on, up to and including the event of a given transaction. As blocks
     * arrive in order, a transaction committed last serves as the end marker of everything committed before it.
     *
     * @param network the channel, as seen through one peer
     * @param startBlock the first block to read
     * @param lastTxId the transaction whose event ends the read
     * @return the events in commit order
     */
    static List<ChaincodeEvent> readThrough(Network network, long startBlock, String lastTxId) {
        List<ChaincodeEvent> events = new ArrayList<>();
        try (CloseableIterator<ChaincodeEvent> stream = network.newChaincodeEventsRequest(BiotdmNetwork.CHAINCODE)
                .startBlock(startBlock)
                .build()
                .getEvents(options -> options.withDeadlineAfter(60, TimeUnit.SECONDS))) {
            while (events.isEmpty()
                    || !events.get(events.size() - 1).getTransactionId().equals(lastTxId)) {
                events.add(stream.next());
            }
        }
        return events;
    }
}
