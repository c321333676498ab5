package org.biotdm.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

class BlockDecoderTest {
    private static ByteString envelope(String txId, String msp, String function, long seconds) {
        ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setChaincodeId(ChaincodeID.newBuilder().setName("biotdm"))
                        .setInput(ChaincodeInput.newBuilder()
                                .addArgs(ByteString.copyFromUtf8(function))
                                .addArgs(ByteString.copyFromUtf8("{\"deviceId\":\"d-1\"}"))))
                .build();
        Transaction transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setPayload(ChaincodeActionPayload.newBuilder()
                                .setChaincodeProposalPayload(ChaincodeProposalPayload.newBuilder()
                                        .setInput(invocation.toByteString())
                                        .build()
                                        .toByteString())
                                .build()
                                .toByteString()))
                .build();
        Payload payload = Payload.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(ChannelHeader.newBuilder()
                                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                                .setTxId(txId)
                                .setChannelId("mychannel")
                                .setTimestamp(Timestamp.newBuilder()
                                        .setSeconds(seconds)
                                        .setNanos(250_000_000))
                                .build()
                                .toByteString())
                        .setSignatureHeader(SignatureHeader.newBuilder()
                                .setCreator(SerializedIdentity.newBuilder()
                                        .setMspid(msp)
                                        .build()
                                        .toByteString())
                                .build()
                                .toByteString()))
                .setData(transaction.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(payload.toByteString()).build().toByteString();
    }

    @Test
    void decodes_header_hashes_and_each_transaction_with_its_validation_code() {
        Block block = Block.newBuilder()
                .setHeader(BlockHeader.newBuilder()
                        .setNumber(7)
                        .setDataHash(ByteString.copyFrom(new byte[] {0x0a, (byte) 0xff}))
                        .setPreviousHash(ByteString.copyFrom(new byte[] {0x01})))
                .setData(BlockData.newBuilder()
                        .addData(envelope("tx-a", "Org1MSP", "devices:RegisterDevice", 1_700_000_000))
                        .addData(envelope("tx-b", "Org2MSP", "grants:GrantDeviceAccess", 1_700_000_001)))
                .setMetadata(BlockMetadata.newBuilder()
                        .addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.EMPTY)
                        .addMetadata(ByteString.copyFrom(new byte[] {
                            (byte) TxValidationCode.VALID_VALUE, (byte) TxValidationCode.MVCC_READ_CONFLICT_VALUE
                        })))
                .build();

        BlockSummary summary = BlockDecoder.block(block);

        assertThat(summary.number()).isEqualTo(7);
        assertThat(summary.dataHash()).isEqualTo("0aff");
        assertThat(summary.previousHash()).isEqualTo("01");
        assertThat(summary.transactions())
                .containsExactly(
                        new TransactionSummary(
                                "tx-a",
                                "ENDORSER_TRANSACTION",
                                "Org1MSP",
                                "biotdm",
                                "devices:RegisterDevice",
                                "VALID",
                                1_700_000_000_250L),
                        new TransactionSummary(
                                "tx-b",
                                "ENDORSER_TRANSACTION",
                                "Org2MSP",
                                "biotdm",
                                "grants:GrantDeviceAccess",
                                "MVCC_READ_CONFLICT",
                                1_700_000_001_250L));
    }

    @Test
    void block_without_transactions_filter_has_unknown_validation_codes() {
        Block block = Block.newBuilder()
                .setHeader(BlockHeader.newBuilder().setNumber(0))
                .setData(BlockData.newBuilder().addData(envelope("tx-c", "Org1MSP", "f", 1)))
                .build();

        assertThat(BlockDecoder.block(block).transactions().get(0).validationCode())
                .isNull();
    }

    @Test
    void unparseable_envelope_is_reported_as_malformed() {
        TransactionSummary summary =
                BlockDecoder.envelope(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}), "VALID");

        assertThat(summary.type()).isEqualTo("MALFORMED");
        assertThat(summary.validationCode()).isEqualTo("VALID");
    }
}
