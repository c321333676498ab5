package org.biotdm.gateway.audit;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A block of the channel, decoded from the {@code common.Block} that qscc's {@code GetBlockByNumber} returns.
 *
 * @param number the block number
 * @param dataHash the block header's data hash, lowercase hex
 * @param previousHash the block header's previous hash, lowercase hex (empty for the genesis block)
 * @param transactions the block's transactions in order
 */
@Serdeable
public record BlockSummary(long number, String dataHash, String previousHash, List<TransactionSummary> transactions) {}
