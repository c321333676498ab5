package org.biotdm.devnet.gateway;

import java.util.List;
import java.util.Optional;
import org.biotdm.devnet.orderer.SoloOrderer;
import org.biotdm.devnet.peer.Peer;

/**
 * What one peer's gateway knows of its channel: itself, every peer of the channel with its address, and the orderer.
 *
 * @param local the peer hosting this gateway
 * @param peers all peers of the channel, one per organisation
 * @param orderer the ordering service
 * @param ordererAddress the orderer's address as reported in error details
 */
public record ChannelPeers(Peer local, List<PeerEndpoint> peers, SoloOrderer orderer, String ordererAddress) {

    /**
     * A peer and the address it serves clients on.
     *
     * @param peer the peer
     * @param address its {@code host:port}
     */
    public record PeerEndpoint(Peer peer, String address) {}

    Optional<PeerEndpoint> byMsp(String mspId) {
        return peers.stream().filter(p -> p.peer().mspId().equals(mspId)).findFirst();
    }

    PeerEndpoint localEndpoint() {
        return peers.stream().filter(p -> p.peer() == local).findFirst().orElseThrow();
    }
}
