package org.biotdm.devnet.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.biotdm.devnet.ledger.Blocks;
import org.hyperledger.fabric.protos.common.Block;

/**
 * Fuzzes the dev network's reading of what clients and the orderer hand it: any envelope bytes parse to a transaction
 * or are refused with {@link InvalidTransactionException} and a Fabric validation code; any block that protobuf reads
 * has its data hash and transaction filter computed and each of its envelopes parsed or refused the same way.
 */
class TransactionParserFuzzTest {
    @FuzzTest
    void any_envelope_parses_or_is_refused_with_a_validation_code(byte[] envelope) {
        parseOrRefuse(ByteString.copyFrom(envelope));
    }

    @FuzzTest
    void any_block_is_hashed_and_its_envelopes_parsed_or_refused(byte[] bytes) {
        Block block;
        try {
            block = Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return; // protobuf's refusal
        }
        assertThat(Blocks.dataHash(block.getData()).size()).isEqualTo(32);
        assertThat(Blocks.headerHash(block.getHeader()).size()).isEqualTo(32);
        byte[] filter = Blocks.transactionFilter(block);
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            Blocks.code(filter, i);
            parseOrRefuse(block.getData().getData(i));
        }
    }

    private static void parseOrRefuse(ByteString envelope) {
        try {
            assertThat(TransactionParser.parse(envelope).header()).isNotNull();
        } catch (InvalidTransactionException refused) {
            assertThat(refused.code()).isNotNull();
        }
    }
}
