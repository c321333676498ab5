package org.biotdm.devnet.orderer;

import org.hyperledger.fabric.protos.common.Status;

/**
 * The orderer's answer to a broadcast, as in {@code orderer.BroadcastResponse}.
 *
 * @param status {@code SUCCESS} or the reason class of the refusal
 * @param info the human-readable reason, empty on success
 */
public record BroadcastResult(Status status, String info) {}
