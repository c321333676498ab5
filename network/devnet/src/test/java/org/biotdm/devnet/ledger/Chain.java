package org.biotdm.devnet.ledger;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Builds a hash-chained sequence of blocks with transaction filters, for block store and ledger tests. */
final class Chain {

    private long number;
    private ByteString previousHash = ByteString.EMPTY;

    /** Returns the next block with every transaction VALID. */
    Block next(Envelope... envelopes) {
        TxValidationCode[] codes = new TxValidationCode[envelopes.length];
        Arrays.fill(codes, TxValidationCode.VALID);
        return next(codes, envelopes);
    }

    /** Returns the next block with one code per transaction. */
    Block next(TxValidationCode[] codes, Envelope... envelopes) {
        byte[] filter = new byte[codes.length];
        for (int i = 0; i < codes.length; i++) {
            filter[i] = (byte) codes[i].getNumber();
        }
        return Blocks.withTransactionFilter(unfiltered(envelopes), filter);
    }

    /** Returns the next block as an orderer cuts it, without a transactions filter. */
    Block unfiltered(Envelope... envelopes) {
        Block block = Blocks.newBlock(number++, previousHash, List.of(envelopes));
        previousHash = Blocks.headerHash(block.getHeader());
        return block;
    }
}
