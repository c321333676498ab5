package org.biotdm.devnet.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.biotdm.devnet.protocol.EnvelopeFixtures.GARBAGE;
import static org.biotdm.devnet.protocol.EnvelopeFixtures.utf8;

import com.google.protobuf.ByteString;
import java.util.Map;
import org.biotdm.devnet.ledger.Version;
import org.biotdm.devnet.protocol.EnvelopeFixtures.Layer;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TransactionParserTest {

    private static final ByteString ENDORSER = utf8("peer0.org1");

    @Nested
    class WellFormed {

        @Test
        void exposes_every_layer_of_an_endorser_transaction() throws Exception {
            EnvelopeFixtures.Builder builder = EnvelopeFixtures.transaction()
                    .timestamp(1_700_000_123L, 456)
                    .read("asset1", new Version(3, 1))
                    .write("asset1", "blue")
                    .delete("asset2")
                    .metadata("asset1", Map.of("VALIDATION_PARAMETER", utf8("policy")))
                    .event("AssetCreated", utf8("{\"id\":\"asset1\"}"))
                    .endorsement(ENDORSER, utf8("endorser-signature"));
            Envelope envelope = builder.build();

            ParsedTransaction tx = TransactionParser.parse(envelope);

            Payload payload = Payload.parseFrom(envelope.getPayload());
            assertThat(tx.envelope()).isSameAs(envelope);
            assertThat(tx.payloadBytes()).isEqualTo(envelope.getPayload());
            assertThat(tx.signature()).isEqualTo(utf8("creator-signature"));
            assertThat(tx.channelHeaderBytes()).isEqualTo(payload.getHeader().getChannelHeader());
            assertThat(tx.signatureHeaderBytes()).isEqualTo(payload.getHeader().getSignatureHeader());
            assertThat(tx.headerType()).isEqualTo(HeaderType.ENDORSER_TRANSACTION_VALUE);
            assertThat(tx.isEndorserTransaction()).isTrue();
            assertThat(tx.txId()).isEqualTo(builder.txId()).hasSize(64);
            assertThat(tx.txId()).isEqualTo(TransactionParser.computeTxId(tx.nonce(), tx.creator()));
            assertThat(tx.channelId()).isEqualTo(EnvelopeFixtures.CHANNEL);
            assertThat(tx.timestamp().getSeconds()).isEqualTo(1_700_000_123L);
            assertThat(tx.timestamp().getNanos()).isEqualTo(456);
            assertThat(tx.creator()).isEqualTo(tx.signatureHeader().getCreator());
            assertThat(tx.nonce()).hasSize(24);
            assertThat(tx.actionHeaderBytes()).isEqualTo(tx.signatureHeaderBytes());
            assertThat(tx.chaincodeId()).isEqualTo(EnvelopeFixtures.CHAINCODE);
            assertThat(tx.chaincodeAction().getChaincodeId().getVersion()).isEqualTo("1.0");
            assertThat(tx.chaincodeAction().getResponse().getStatus()).isEqualTo(200);
            assertThat(tx.endorsements()).singleElement().satisfies(e -> assertThat(e.getEndorser())
                    .isEqualTo(ENDORSER));

            assertThat(tx.nsRwSets()).singleElement().satisfies(ns -> {
                assertThat(ns.namespace()).isEqualTo(EnvelopeFixtures.CHAINCODE);
                KVRWSet kv = ns.rwset();
                assertThat(kv.getReads(0).getKey()).isEqualTo("asset1");
                assertThat(kv.getReads(0).getVersion().getBlockNum()).isEqualTo(3);
                assertThat(kv.getWritesList())
                        .extracting(w -> w.getKey(), w -> w.getValue().toStringUtf8(), w -> w.getIsDelete())
                        .containsExactly(tuple("asset1", "blue", false), tuple("asset2", "", true));
                assertThat(kv.getMetadataWrites(0).getEntries(0).getName()).isEqualTo("VALIDATION_PARAMETER");
            });
            assertThat(tx.event()).hasValueSatisfying(event -> {
                assertThat(event.getEventName()).isEqualTo("AssetCreated");
                assertThat(event.getTxId()).isEqualTo(tx.txId());
                assertThat(event.getChaincodeId()).isEqualTo(EnvelopeFixtures.CHAINCODE);
            });
        }

        @Test
        void keeps_the_bytes_the_proposal_hash_covers() throws Exception {
            ParsedTransaction tx = TransactionParser.parse(
                    EnvelopeFixtures.transaction().write("k", "v").build());

            ByteString expected = TransactionParser.proposalHash(
                    tx.channelHeaderBytes(), tx.actionHeaderBytes(), tx.chaincodeProposalPayloadBytes());

            assertThat(tx.proposalResponsePayload().getProposalHash()).isEqualTo(expected);
            assertThat(tx.proposalResponsePayloadBytes())
                    .isEqualTo(tx.proposalResponsePayload().toByteString());
            ByteString actionPayload = Transaction.parseFrom(
                            Payload.parseFrom(tx.payloadBytes()).getData())
                    .getActions(0)
                    .getPayload();
            assertThat(ChaincodeActionPayload.parseFrom(actionPayload).getChaincodeProposalPayload())
                    .isEqualTo(tx.chaincodeProposalPayloadBytes());
        }

        @Test
        void parses_serialized_envelopes_like_envelope_messages() throws Exception {
            Envelope envelope = EnvelopeFixtures.transaction().write("k", "v").build();

            ParsedTransaction tx = TransactionParser.parse(envelope.toByteString());

            assertThat(tx.envelope()).isEqualTo(envelope);
            assertThat(tx.nsRwSets()).hasSize(1);
        }

        @Test
        void reports_no_event_when_the_action_carries_none() throws Exception {
            ParsedTransaction tx = TransactionParser.parse(
                    EnvelopeFixtures.transaction().write("k", "v").build());

            assertThat(tx.event()).isEmpty();
        }

        @Test
        void returns_config_transactions_with_header_only() throws Exception {
            Envelope envelope = EnvelopeFixtures.transaction()
                    .headerType(HeaderType.CONFIG_VALUE)
                    .override(Layer.TRANSACTION, utf8("config envelope bytes are not parsed"))
                    .build();

            ParsedTransaction tx = TransactionParser.parse(envelope);

            assertThat(tx.headerType()).isEqualTo(HeaderType.CONFIG_VALUE);
            assertThat(tx.isEndorserTransaction()).isFalse();
            assertThat(tx.nsRwSets()).isEmpty();
            assertThat(tx.endorsements()).isEmpty();
            assertThat(tx.event()).isEmpty();
            assertThat(tx.chaincodeId()).isEmpty();
        }

        @Test
        void parses_only_the_header_when_asked() throws Exception {
            EnvelopeFixtures.Builder builder = EnvelopeFixtures.transaction().override(Layer.TRANSACTION, GARBAGE);

            ParsedHeader header = TransactionParser.parseHeader(builder.build());

            assertThat(header.txId()).isEqualTo(builder.txId());
            assertThat(header.channelId()).isEqualTo(EnvelopeFixtures.CHANNEL);
        }
    }

    @Nested
    class Hashes {

        @Test
        void computes_the_txid_as_lowercase_hex_sha256_of_nonce_then_creator() {
            // SHA-256("abc"), FIPS 180-2 appendix B.1
            assertThat(TransactionParser.computeTxId(utf8("a"), utf8("bc")))
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        }

        @Test
        void computes_the_proposal_hash_over_the_concatenation() {
            assertThat(TransactionParser.proposalHash(utf8("a"), utf8("b"), utf8("c")))
                    .isEqualTo(ByteString.fromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        }
    }

    @Nested
    class Malformed {

        @Test
        void null_envelope_is_nil_envelope() {
            assertCode((Envelope) null, TxValidationCode.NIL_ENVELOPE, false);
        }

        @Test
        void empty_envelope_is_nil_envelope() {
            assertCode(Envelope.getDefaultInstance(), TxValidationCode.NIL_ENVELOPE, false);
        }

        @Test
        void empty_block_entry_is_nil_envelope() {
            InvalidTransactionException e = catchThrowableOfType(
                    InvalidTransactionException.class, () -> TransactionParser.parse(ByteString.EMPTY));
            assertThat(e.code()).isEqualTo(TxValidationCode.NIL_ENVELOPE);
        }

        @Test
        void block_entry_that_is_no_envelope_is_invalid_other_reason() {
            InvalidTransactionException e =
                    catchThrowableOfType(InvalidTransactionException.class, () -> TransactionParser.parse(GARBAGE));
            assertThat(e.code()).isEqualTo(TxValidationCode.INVALID_OTHER_REASON);
        }

        @Test
        void empty_payload_is_bad_payload() {
            Envelope envelope = Envelope.newBuilder().setSignature(utf8("sig")).build();
            assertCode(envelope, TxValidationCode.BAD_PAYLOAD, false);
        }

        @Test
        void unparseable_payload_is_bad_payload() {
            assertCode(
                    EnvelopeFixtures.transaction()
                            .override(Layer.PAYLOAD, GARBAGE)
                            .build(),
                    TxValidationCode.BAD_PAYLOAD,
                    false);
        }

        @Test
        void payload_without_header_is_bad_common_header() {
            Envelope envelope = Envelope.newBuilder()
                    .setPayload(Payload.newBuilder().setData(utf8("x")).build().toByteString())
                    .build();
            assertCode(envelope, TxValidationCode.BAD_COMMON_HEADER, false);
        }

        @Test
        void unparseable_channel_header_is_bad_common_header() {
            assertCode(
                    EnvelopeFixtures.transaction()
                            .override(Layer.CHANNEL_HEADER, GARBAGE)
                            .build(),
                    TxValidationCode.BAD_COMMON_HEADER,
                    false);
        }

        @Test
        void unparseable_signature_header_is_bad_common_header() {
            assertCode(
                    EnvelopeFixtures.transaction()
                            .override(Layer.SIGNATURE_HEADER, GARBAGE)
                            .build(),
                    TxValidationCode.BAD_COMMON_HEADER,
                    false);
        }

        @Test
        void empty_nonce_is_bad_common_header() {
            assertCode(
                    EnvelopeFixtures.transaction().nonce(ByteString.EMPTY).build(),
                    TxValidationCode.BAD_COMMON_HEADER,
                    false);
        }

        @Test
        void empty_creator_is_bad_common_header() {
            assertCode(
                    EnvelopeFixtures.transaction().creator(ByteString.EMPTY).build(),
                    TxValidationCode.BAD_COMMON_HEADER,
                    false);
        }

        @Test
        void nonzero_epoch_is_bad_common_header() {
            assertCode(EnvelopeFixtures.transaction().epoch(1).build(), TxValidationCode.BAD_COMMON_HEADER, false);
        }

        @Test
        void header_type_fabric_does_not_validate_is_bad_common_header() {
            assertCode(
                    EnvelopeFixtures.transaction()
                            .headerType(HeaderType.DELIVER_SEEK_INFO_VALUE)
                            .build(),
                    TxValidationCode.BAD_COMMON_HEADER,
                    false);
        }

        @Test
        void config_update_is_unsupported_tx_payload() {
            assertCode(
                    EnvelopeFixtures.transaction()
                            .headerType(HeaderType.CONFIG_UPDATE_VALUE)
                            .build(),
                    TxValidationCode.UNSUPPORTED_TX_PAYLOAD,
                    true);
        }

        @Test
        void unparseable_transaction_is_invalid_endorser_transaction() {
            assertLayer(Layer.TRANSACTION, TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        }

        @Test
        void transaction_without_actions_is_invalid_endorser_transaction() {
            assertCode(
                    EnvelopeFixtures.transaction().actions(0).build(),
                    TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    true);
        }

        @Test
        void transaction_with_two_actions_is_invalid_endorser_transaction() {
            assertCode(
                    EnvelopeFixtures.transaction().actions(2).build(),
                    TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    true);
        }

        @Test
        void unparseable_action_header_is_invalid_endorser_transaction() {
            assertLayer(Layer.ACTION_HEADER, TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        }

        @Test
        void action_header_without_nonce_is_invalid_endorser_transaction() {
            ByteString noNonce = SignatureHeader.newBuilder()
                    .setCreator(utf8("creator"))
                    .build()
                    .toByteString();
            assertCode(
                    EnvelopeFixtures.transaction()
                            .override(Layer.ACTION_HEADER, noNonce)
                            .build(),
                    TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    true);
        }

        @Test
        void unparseable_chaincode_action_payload_is_invalid_endorser_transaction() {
            assertLayer(Layer.ACTION_PAYLOAD, TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        }

        @Test
        void chaincode_action_payload_without_endorsed_action_is_invalid_endorser_transaction() {
            assertCode(
                    EnvelopeFixtures.transaction()
                            .override(Layer.ACTION_PAYLOAD, ByteString.EMPTY)
                            .build(),
                    TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                    true);
        }

        @Test
        void unparseable_proposal_response_payload_is_invalid_endorser_transaction() {
            assertLayer(Layer.PROPOSAL_RESPONSE_PAYLOAD, TxValidationCode.INVALID_ENDORSER_TRANSACTION);
        }

        @Test
        void unparseable_header_extension_is_bad_header_extension() {
            assertLayer(Layer.HEADER_EXTENSION, TxValidationCode.BAD_HEADER_EXTENSION);
        }

        @Test
        void unparseable_chaincode_action_is_bad_response_payload() {
            assertLayer(Layer.CHAINCODE_ACTION, TxValidationCode.BAD_RESPONSE_PAYLOAD);
        }

        @Test
        void unparseable_read_write_set_is_bad_rwset() {
            assertLayer(Layer.RESULTS, TxValidationCode.BAD_RWSET);
        }

        @Test
        void unparseable_namespace_read_write_set_is_bad_rwset() {
            assertCode(
                    EnvelopeFixtures.transaction()
                            .write("k", "v")
                            .rawNamespace("other", GARBAGE)
                            .build(),
                    TxValidationCode.BAD_RWSET,
                    true);
        }

        @Test
        void unparseable_chaincode_event_is_invalid_other_reason() {
            assertLayer(Layer.EVENTS, TxValidationCode.INVALID_OTHER_REASON);
        }

        @Test
        void header_extension_is_checked_before_the_chaincode_action_as_in_fabric() {
            assertCode(
                    EnvelopeFixtures.transaction()
                            .override(Layer.HEADER_EXTENSION, GARBAGE)
                            .override(Layer.CHAINCODE_ACTION, GARBAGE)
                            .build(),
                    TxValidationCode.BAD_HEADER_EXTENSION,
                    true);
        }

        @Test
        void carries_the_header_so_earlier_checks_can_still_run() throws Exception {
            EnvelopeFixtures.Builder builder = EnvelopeFixtures.transaction().override(Layer.RESULTS, GARBAGE);

            InvalidTransactionException e = catchThrowableOfType(
                    InvalidTransactionException.class, () -> TransactionParser.parse(builder.build()));

            assertThat(e.header()).hasValueSatisfying(header -> {
                assertThat(header.txId()).isEqualTo(builder.txId());
                assertThat(header.signature()).isEqualTo(utf8("creator-signature"));
                assertThat(header.payloadBytes()).isEqualTo(builder.build().getPayload());
            });
        }

        @Test
        void channel_header_type_zero_from_an_empty_header_is_bad_common_header() {
            Envelope envelope = Envelope.newBuilder()
                    .setPayload(Payload.newBuilder()
                            .setHeader(Header.newBuilder()
                                    .setChannelHeader(
                                            ChannelHeader.getDefaultInstance().toByteString()))
                            .build()
                            .toByteString())
                    .build();
            assertCode(envelope, TxValidationCode.BAD_COMMON_HEADER, false);
        }

        private void assertLayer(Layer layer, TxValidationCode expected) {
            assertCode(
                    EnvelopeFixtures.transaction()
                            .write("k", "v")
                            .event("E", utf8("p"))
                            .override(layer, GARBAGE)
                            .build(),
                    expected,
                    true);
        }

        private void assertCode(Envelope envelope, TxValidationCode expected, boolean headerAvailable) {
            InvalidTransactionException e =
                    catchThrowableOfType(InvalidTransactionException.class, () -> TransactionParser.parse(envelope));

            assertThat(e).as("parse must fail").isNotNull();
            assertThat(e.code()).isEqualTo(expected);
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.header().isPresent()).isEqualTo(headerAvailable);
        }
    }
}
