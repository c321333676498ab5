package org.biotdm.gateway.audit;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The channel's height and head, from qscc's {@code GetChainInfo}.
 *
 * @param channel the channel name
 * @param height the number of blocks (the newest block is {@code height - 1})
 * @param currentBlockHash the newest block's header hash, lowercase hex
 * @param previousBlockHash the hash of the block before it, lowercase hex
 */
@Serdeable
public record ChainInfoResponse(String channel, long height, String currentBlockHash, String previousBlockHash) {}
