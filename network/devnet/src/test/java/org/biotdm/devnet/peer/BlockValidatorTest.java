package org.biotdm.devnet.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.devnet.peer.TxBuilder.CHAINCODE;
import static org.biotdm.devnet.peer.TxBuilder.CHANNEL;
import static org.biotdm.devnet.peer.TxBuilder.VERSION;
import static org.biotdm.devnet.peer.TxBuilder.kv;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_CREATOR_SIGNATURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_PROPOSAL_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.BAD_RWSET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.DUPLICATE_TXID;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.ILLEGAL_WRITESET;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_CHAINCODE;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_ENDORSER_TRANSACTION;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.INVALID_OTHER_REASON;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.MVCC_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.PHANTOM_READ_CONFLICT;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.TARGET_CHAIN_NOT_FOUND;
import static org.hyperledger.fabric.protos.peer.TxValidationCode.VALID;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.ledger.Blocks;
import org.biotdm.devnet.ledger.PeerLedger;
import org.biotdm.devnet.ledger.Version;
import org.biotdm.devnet.msp.ChannelMsp;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.devnet.orderer.GenesisBlock;
import org.biotdm.devnet.policy.ChannelPolicies;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validates blocks of real, signed endorser transactions against a three-organisation channel whose chaincode
 * {@code cc} has the default MAJORITY Endorsement policy (two of three organisations' peers), and checks the codes and
 * their order against Fabric release-2.5 (brief §3.3 and §4).
 */
class BlockValidatorTest {
    private static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";
    private static final byte VALID_VALUE = (byte) TxValidationCode.VALID_VALUE;
    private static final ByteString GARBAGE = ByteString.copyFrom(new byte[] {0x0a, 0x05, 0x01});

    @TempDir
    static Path cryptoDir;

    private static SigningIdentity client;
    private static SigningIdentity org1;
    private static SigningIdentity org2;
    private static SigningIdentity org3;
    private static CryptoMaterial crypto;
    private static CryptoMaterial foreign;

    @TempDir
    Path ledgerDir;

    private PeerLedger ledger;
    private BlockValidator validator;

    @BeforeAll
    static void generateCrypto() throws IOException {
        crypto = CryptoMaterial.generateOrLoad(cryptoDir.resolve("channel"), 3);
        foreign = CryptoMaterial.generateOrLoad(cryptoDir.resolve("foreign"), 1);
        client = crypto.org("Org1MSP").gatewayClient();
        org1 = crypto.org("Org1MSP").peer();
        org2 = crypto.org("Org2MSP").peer();
        org3 = crypto.org("Org3MSP").peer();
    }

    @BeforeEach
    void openLedger() throws IOException {
        List<String> mspIds = crypto.orgs().stream().map(OrgCrypto::mspId).toList();
        ChannelPolicies policies = new ChannelPolicies(mspIds);
        ChaincodeDefinition cc =
                new ChaincodeDefinition(CHAINCODE, VERSION, "cc:abc", policies.chaincodePolicy(""), "");
        ChannelConfig channel = new ChannelConfig(
                CHANNEL, ChannelMsp.of(crypto), mspIds, crypto.orderer().mspId(), policies, Map.of(CHAINCODE, cc));
        ledger = PeerLedger.open(ledgerDir, CHANNEL);
        validator = new BlockValidator(channel, ledger);
        List<GenesisBlock.Member> members = crypto.orgs().stream()
                .map(o -> new GenesisBlock.Member(o.mspId(), o.caCertificate(), o.tlsCaCertificate()))
                .toList();
        GenesisBlock.Member orderer = new GenesisBlock.Member(
                crypto.orderer().mspId(),
                crypto.orderer().caCertificate(),
                crypto.orderer().tlsCaCertificate());
        commit(GenesisBlock.create(CHANNEL, members, orderer, crypto.orderer().orderer()));
    }

    @AfterEach
    void closeLedger() {
        ledger.close();
    }

    @Test
    void accepts_the_genesis_configuration_block() {
        assertThat(ledger.height()).isEqualTo(1);
        assertThat(Blocks.transactionFilter(ledger.block(0))).containsExactly(VALID_VALUE);
    }

    @Nested
    class MessageValidation {

        @Test
        void accepts_a_transaction_endorsed_by_two_organisations() {
            assertThat(validate(tx().write("k", "v").endorsedBy(org1, org2))).containsExactly(VALID);
        }

        @Test
        void rejects_an_envelope_signed_by_another_key() {
            TxBuilder tx = tx().write("k", "v")
                    .endorsedBy(org1, org2)
                    .signedBy(crypto.org("Org1MSP").user1());

            assertThat(validate(tx)).containsExactly(BAD_CREATOR_SIGNATURE);
        }

        @Test
        void rejects_a_creator_whose_ca_is_not_in_the_channel() {
            TxBuilder tx = TxBuilder.by(foreign.org("Org1MSP").gatewayClient())
                    .write("k", "v")
                    .endorsedBy(org1, org2);

            assertThat(validate(tx)).containsExactly(BAD_CREATOR_SIGNATURE);
        }

        @Test
        void rejects_a_txid_not_computed_from_nonce_and_creator() {
            TxBuilder tx = tx().write("k", "v").endorsedBy(org1, org2).txId("a".repeat(64));

            assertThat(validate(tx)).containsExactly(BAD_PROPOSAL_TXID);
        }

        @Test
        void rejects_a_proposal_hash_that_does_not_cover_the_transaction_headers() {
            TxBuilder tx = tx().write("k", "v").endorsedBy(org1, org2).proposalHash(ByteString.copyFrom(new byte[32]));

            assertThat(validate(tx)).containsExactly(INVALID_ENDORSER_TRANSACTION);
        }

        @Test
        void rejects_a_transaction_for_another_channel() {
            TxBuilder tx = tx().write("k", "v").endorsedBy(org1, org2).channel("otherchannel");

            assertThat(validate(tx)).containsExactly(TARGET_CHAIN_NOT_FOUND);
        }

        @Test
        void checks_hash_channel_and_committed_txids_before_parsing_the_read_write_set() {
            TxBuilder committed = tx().write("k", "v").endorsedBy(org1, org2);
            commit(committed);

            assertThat(validate(
                            tx().rawNamespace(CHAINCODE, GARBAGE).endorsedBy(org1, org2),
                            tx().rawNamespace(CHAINCODE, GARBAGE).proposalHash(ByteString.copyFrom(new byte[32])),
                            tx().rawNamespace(CHAINCODE, GARBAGE).channel("otherchannel"),
                            tx().rawNamespace(CHAINCODE, GARBAGE).sameNonceAs(committed)))
                    .containsExactly(BAD_RWSET, INVALID_ENDORSER_TRANSACTION, TARGET_CHAIN_NOT_FOUND, DUPLICATE_TXID);
        }
    }

    @Nested
    class DuplicateTxIds {

        @Test
        void marks_the_second_transaction_of_a_block_with_the_same_txid() {
            TxBuilder first = tx().write("a", "1").endorsedBy(org1, org2);
            TxBuilder second = tx().sameNonceAs(first).write("b", "2").endorsedBy(org2, org3);

            assertThat(second.txId()).isEqualTo(first.txId());
            assertThat(validate(first, second)).containsExactly(VALID, DUPLICATE_TXID);
        }

        @Test
        void rejects_a_txid_already_committed_valid_or_not() {
            TxBuilder valid = tx().write("a", "1").endorsedBy(org1, org2);
            TxBuilder invalid = tx().write("b", "1").endorsedBy(org1);
            assertThat(commit(valid, invalid)).containsExactly(VALID, ENDORSEMENT_POLICY_FAILURE);

            assertThat(validate(
                            tx().sameNonceAs(valid).write("c", "1").endorsedBy(org1, org2),
                            tx().sameNonceAs(invalid).write("c", "1").endorsedBy(org1, org2)))
                    .containsExactly(DUPLICATE_TXID, DUPLICATE_TXID);
        }

        @Test
        void ignores_an_earlier_use_of_the_txid_that_failed_endorsement_validation() {
            // Fabric's markTXIdDuplicates only remembers txids of transactions that passed VSCC.
            TxBuilder underEndorsed = tx().write("a", "1").endorsedBy(org1);
            TxBuilder retry = tx().sameNonceAs(underEndorsed).write("a", "1").endorsedBy(org1, org2);

            assertThat(validate(underEndorsed, retry)).containsExactly(ENDORSEMENT_POLICY_FAILURE, VALID);
        }
    }

    @Nested
    class Endorsements {

        @Test
        void rejects_one_organisation_under_a_majority_of_three() {
            assertThat(validate(tx().write("k", "v").endorsedBy(org1))).containsExactly(ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void counts_an_endorsement_whose_signature_does_not_verify_for_nothing() {
            assertThat(validate(
                            tx().write("k", "v").endorsedBy(org1).forgedEndorsementBy(org2),
                            tx().write("k", "v").endorsedBy(org1, org3).forgedEndorsementBy(org2)))
                    .containsExactly(ENDORSEMENT_POLICY_FAILURE, VALID);
        }

        @Test
        void counts_the_same_endorser_once() {
            assertThat(validate(tx().write("k", "v").endorsedBy(org1, org1)))
                    .containsExactly(ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void requires_peer_identities_for_the_organisations_endorsement_policies() {
            SigningIdentity org2Client = crypto.org("Org2MSP").gatewayClient();

            assertThat(validate(tx().write("k", "v").endorsedBy(org1, org2Client)))
                    .containsExactly(ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void checks_the_chaincode_policy_of_a_transaction_without_writes() {
            assertThat(validate(
                            tx().read("k", null).endorsedBy(org1),
                            tx().read("k", null).endorsedBy(org1, org3)))
                    .containsExactly(ENDORSEMENT_POLICY_FAILURE, VALID);
        }
    }

    @Nested
    class ChaincodeIdsAndNamespaces {

        @Test
        void rejects_a_header_extension_or_chaincode_action_without_chaincode_id() {
            assertThat(validate(
                            tx().write("k", "v").endorsedBy(org1, org2).actionChaincodeId(null),
                            tx().write("k", "v").endorsedBy(org1, org2).withoutHeaderChaincodeId()))
                    .containsExactly(INVALID_OTHER_REASON, INVALID_OTHER_REASON);
        }

        @Test
        void rejects_a_chaincode_id_without_version_or_with_another_name_as_an_invalid_chaincode() {
            // release-2.5 plugindispatcher/dispatcher.go: these sanity checks return INVALID_CHAINCODE (v1.4's
            // txvalidator returned INVALID_OTHER_REASON).
            ChaincodeID noVersion = ChaincodeID.newBuilder().setName(CHAINCODE).build();
            ChaincodeID otherName = ChaincodeID.newBuilder()
                    .setName("other")
                    .setVersion(VERSION)
                    .build();

            assertThat(validate(
                            tx().write("k", "v").endorsedBy(org1, org2).actionChaincodeId(noVersion),
                            tx().write("k", "v").endorsedBy(org1, org2).actionChaincodeId(otherName)))
                    .containsExactly(INVALID_CHAINCODE, INVALID_CHAINCODE);
        }

        @Test
        void rejects_an_event_of_another_chaincode() {
            assertThat(validate(tx().write("k", "v").endorsedBy(org1, org2).event("other")))
                    .containsExactly(INVALID_OTHER_REASON);
        }

        @Test
        void rejects_a_write_to_the_lscc_namespace() {
            TxBuilder tx = tx().write("k", "v").write("lscc", "cc", "forged").endorsedBy(org1, org2);

            assertThat(validate(tx)).containsExactly(ILLEGAL_WRITESET);
        }

        @Test
        void rejects_a_namespace_that_appears_twice() {
            TxBuilder tx = tx().write("k", "v")
                    .rawNamespace(CHAINCODE, KVRWSet.getDefaultInstance().toByteString())
                    .endorsedBy(org1, org2);

            assertThat(validate(tx)).containsExactly(ILLEGAL_WRITESET);
        }

        @Test
        void rejects_an_undefined_chaincode_and_writes_to_an_undefined_namespace() {
            assertThat(validate(
                            tx().chaincode("undefined").write("k", "v").endorsedBy(org1, org2),
                            tx().write("k", "v").write("undefined", "k", "v").endorsedBy(org1, org2)))
                    .containsExactly(INVALID_CHAINCODE, INVALID_CHAINCODE);
        }
    }

    @Nested
    class Mvcc {

        @Test
        void rejects_a_read_of_a_key_written_earlier_in_the_block() {
            Version committed = commitValue("k");

            assertThat(validate(
                            tx().read("k", committed).write("k", "2").endorsedBy(org1, org2),
                            tx().read("k", committed).write("other", "2").endorsedBy(org1, org2)))
                    .containsExactly(VALID, MVCC_READ_CONFLICT);
        }

        @Test
        void rejects_a_read_of_a_committed_version_that_has_since_changed() {
            Version first = commitValue("k");
            Version second = commitValue("k");

            assertThat(validate(
                            tx().read("k", first).write("x", "1").endorsedBy(org1, org2),
                            tx().read("k", null).write("x", "1").endorsedBy(org1, org2),
                            tx().read("k", second).write("x", "1").endorsedBy(org1, org2)))
                    .containsExactly(MVCC_READ_CONFLICT, MVCC_READ_CONFLICT, VALID);
        }

        @Test
        void rejects_a_range_that_gained_a_key_earlier_in_the_block() {
            Version a = commitValue("a");
            Version c = commitValue("c");

            assertThat(validate(
                            tx().write("b", "new").endorsedBy(org1, org2),
                            tx().range("a", "d", true, kv("a", a), kv("c", c))
                                    .write("x", "1")
                                    .endorsedBy(org1, org2)))
                    .containsExactly(VALID, PHANTOM_READ_CONFLICT);
        }

        @Test
        void accepts_an_empty_range_that_is_still_empty_and_rejects_one_that_gained_a_key() {
            commitValue("a");

            assertThat(validate(
                            tx().emptyRange("b", "d").write("x", "1").endorsedBy(org1, org2),
                            tx().write("c", "new").endorsedBy(org1, org2),
                            tx().emptyRange("b", "d").write("y", "1").endorsedBy(org1, org2)))
                    .containsExactly(VALID, VALID, PHANTOM_READ_CONFLICT);
        }

        @Test
        void treats_the_end_key_as_inclusive_when_the_iterator_was_not_exhausted() {
            Version a = commitValue("a");
            Version b = commitValue("b");
            commitValue("c");

            assertThat(validate(
                            tx().range("a", "b", false, kv("a", a), kv("b", b))
                                    .write("x", "1")
                                    .endorsedBy(org1, org2),
                            tx().range("a", "b", true, kv("a", a))
                                    .write("y", "1")
                                    .endorsedBy(org1, org2)))
                    .containsExactly(VALID, VALID);
            assertThat(validate(
                            tx().write("b", "changed").endorsedBy(org1, org2),
                            tx().range("a", "b", false, kv("a", a), kv("b", b))
                                    .write("x", "1")
                                    .endorsedBy(org1, org2),
                            tx().range("a", "b", true, kv("a", a))
                                    .write("y", "1")
                                    .endorsedBy(org1, org2)))
                    .containsExactly(VALID, PHANTOM_READ_CONFLICT, VALID);
        }
    }

    @Nested
    class KeyLevelPolicies {

        @Test
        void replaces_the_chaincode_policy_by_the_keys_validation_parameter() {
            commit(tx().write("asset", "1")
                    .metadata("asset", VALIDATION_PARAMETER, org2PeerPolicy())
                    .endorsedBy(org1, org2));
            assertThat(ledger.get(CHAINCODE, "asset").metadata()).containsKey(VALIDATION_PARAMETER);

            assertThat(validate(
                            tx().write("asset", "2").endorsedBy(org1, org3),
                            tx().write("asset", "3").endorsedBy(org2)))
                    .containsExactly(ENDORSEMENT_POLICY_FAILURE, VALID);
        }

        @Test
        void still_applies_the_chaincode_policy_to_other_keys_of_the_transaction() {
            commit(tx().write("asset", "1")
                    .metadata("asset", VALIDATION_PARAMETER, org2PeerPolicy())
                    .endorsedBy(org1, org2));

            assertThat(validate(tx().write("asset", "2").write("plain", "1").endorsedBy(org2)))
                    .containsExactly(ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void rejects_a_write_after_an_earlier_transaction_of_the_block_changed_the_keys_metadata() {
            commitValue("asset");

            assertThat(validate(
                            tx().metadata("asset", VALIDATION_PARAMETER, org2PeerPolicy())
                                    .endorsedBy(org1, org2),
                            tx().write("asset", "2").endorsedBy(org1, org2)))
                    .containsExactly(VALID, ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void rejects_it_even_when_the_metadata_update_then_failed_mvcc() {
            // Fabric's key-level validator waits only for the earlier transaction's VSCC result
            // (statebased/vpmanagerimpl.go); MVCC runs later, in the ledger.
            Version stale = commitValue("asset");
            commitValue("asset");

            assertThat(validate(
                            tx().read("asset", stale)
                                    .metadata("asset", VALIDATION_PARAMETER, org2PeerPolicy())
                                    .endorsedBy(org1, org2),
                            tx().write("asset", "2").endorsedBy(org1, org2)))
                    .containsExactly(MVCC_READ_CONFLICT, ENDORSEMENT_POLICY_FAILURE);
        }
    }

    private static TxBuilder tx() {
        return TxBuilder.by(client);
    }

    /**
     * Builds the key-level policy the shim's {@code StateBasedEndorsementImpl} writes for {@code addOrgs(PEER,
     * "Org2MSP")}: {@code n_out_of(1, [signed_by(0)])} over ROLE PEER of Org2MSP.
     */
    private static ByteString org2PeerPolicy() {
        MSPPrincipal org2Peer = MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder()
                        .setMspIdentifier("Org2MSP")
                        .setRole(MSPRole.MSPRoleType.PEER)
                        .build()
                        .toByteString())
                .build();
        SignaturePolicy rule = SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder()
                        .setN(1)
                        .addRules(SignaturePolicy.newBuilder().setSignedBy(0)))
                .build();
        return SignaturePolicyEnvelope.newBuilder()
                .setVersion(0)
                .setRule(rule)
                .addIdentities(org2Peer)
                .build()
                .toByteString();
    }

    /** Commits a write of {@code key} endorsed by the majority and returns the version it got. */
    private Version commitValue(String key) {
        assertThat(commit(tx().write(key, "v" + ledger.height()).endorsedBy(org1, org2)))
                .containsExactly(VALID);
        return ledger.get(CHAINCODE, key).version();
    }

    private List<TxValidationCode> validate(TxBuilder... txs) {
        return codes(validator.validate(nextBlock(txs)));
    }

    private List<TxValidationCode> commit(TxBuilder... txs) {
        return commit(nextBlock(txs));
    }

    private List<TxValidationCode> commit(Block block) {
        byte[] codes = validator.validate(block);
        ledger.commit(Blocks.withTransactionFilter(block, codes));
        return codes(codes);
    }

    private Block nextBlock(TxBuilder... txs) {
        List<Envelope> envelopes = new ArrayList<>();
        Arrays.stream(txs).map(TxBuilder::build).forEach(envelopes::add);
        return Blocks.newBlock(ledger.height(), ledger.lastHeaderHash(), envelopes);
    }

    private static List<TxValidationCode> codes(byte[] codes) {
        List<TxValidationCode> result = new ArrayList<>();
        for (byte code : codes) {
            result.add(TxValidationCode.forNumber(Byte.toUnsignedInt(code)));
        }
        return result;
    }
}
