package org.biotdm.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Fuzzes the block decoder with any bytes a peer could deliver as a {@code common.Block}: a block that protobuf reads
 * is summarised with one entry per envelope (an unreadable envelope is reported as malformed, not thrown).
 */
class BlockDecoderFuzzTest {
    @FuzzTest
    void any_block_protobuf_is_summarised_transaction_by_transaction(byte[] bytes) {
        Block block;
        try {
            block = Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return; // protobuf's refusal
        }
        assertThat(BlockDecoder.block(block).transactions())
                .hasSize(block.getData().getDataCount());
    }
}
