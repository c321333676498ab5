package org.biotdm.devnet.chaincode;

import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * What a chaincode returned for one transaction: the COMPLETED message's response and event.
 *
 * @param response the chaincode's response: status (200 success, 500 for a {@code ChaincodeException}), message and
 *     payload
 * @param event the event as the shim sent it (event name and payload only; the peer adds chaincode ID and txid when
 *     it builds the {@code ChaincodeAction}), or null when the chaincode set none
 */
public record ChaincodeResult(Response response, ChaincodeEvent event) {}
