package org.biotdm.devnet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives a three-organisation dev network with the unmodified fabric-gateway client and a Contract-API chaincode, and
 * checks the behaviours the protocol brief marks as verified against real Fabric clients and shims.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayConformanceIT {
    @TempDir
    static Path dataDir;

    private DevnetFixture fixture;
    private Network network;
    private Contract contract;

    @BeforeAll
    void start_network() {
        fixture = DevnetFixture.start(dataDir);
        Gateway gateway = fixture.gateway(0);
        network = gateway.getNetwork(DevnetFixture.CHANNEL);
        contract = network.getContract(DevnetFixture.CHAINCODE);
    }

    @AfterAll
    void stop_network() {
        fixture.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    private static JsonArray array(byte[] json) {
        return JsonParser.parseString(new String(json, UTF_8)).getAsJsonArray();
    }

    private static List<String> keys(JsonArray records) {
        List<String> keys = new ArrayList<>();
        for (JsonElement record : records) {
            keys.add(record.getAsJsonObject().get("key").getAsString());
        }
        return keys;
    }

    @Nested
    class Submit_and_evaluate {
        @Test
        void submitted_value_is_read_back_by_evaluate_on_every_peer() throws Exception {
            String key = unique("sv") + "k";
            contract.submitTransaction("Put", key, "value-1");

            for (int org = 0; org < 3; org++) {
                Contract other =
                        fixture.gateway(org).getNetwork(DevnetFixture.CHANNEL).getContract(DevnetFixture.CHAINCODE);
                assertThat(new String(other.evaluateTransaction("Get", key), UTF_8))
                        .isEqualTo("value-1");
            }
        }

        @Test
        void result_is_read_from_the_prepared_envelope_before_submit() throws Exception {
            String key = unique("env") + "k";
            contract.submitTransaction("Put", key, "41");

            Transaction transaction =
                    contract.newProposal("Increment").addArguments(key).build().endorse();

            assertThat(new String(transaction.getResult(), UTF_8)).isEqualTo("42");
            assertThat(transaction.submitAsync().getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
        }

        @Test
        void commit_status_reports_the_block_number() throws Exception {
            SubmittedTransaction submitted = contract.newProposal("Put")
                    .addArguments(unique("blk") + "k", "v")
                    .build()
                    .endorse()
                    .submitAsync();

            org.hyperledger.fabric.client.Status status = submitted.getStatus();

            assertThat(status.isSuccessful()).isTrue();
            assertThat(status.getBlockNumber()).isPositive();
            assertThat(fixture.devnet().peers().get(0).ledger().transaction(submitted.getTransactionId()))
                    .hasValueSatisfying(
                            location -> assertThat(location.blockNum()).isEqualTo(status.getBlockNumber()));
        }
    }

    @Nested
    class Client_identity {
        @Test
        void chaincode_sees_msp_id_x509_id_and_fabric_ca_attribute() throws Exception {
            JsonObject identity = JsonParser.parseString(new String(contract.evaluateTransaction("Identity"), UTF_8))
                    .getAsJsonObject();

            assertThat(identity.get("mspId").getAsString()).isEqualTo("Org1MSP");
            assertThat(identity.get("id").getAsString()).startsWith("x509::").contains("CN=gateway");
            assertThat(identity.get("role").getAsString()).isEqualTo("gateway");
            assertThat(identity.get("stubMspId").getAsString()).isEqualTo("Org1MSP");
        }

        @Test
        void system_contract_returns_the_metadata() throws Exception {
            String metadata = new String(contract.evaluateTransaction("org.hyperledger.fabric:GetMetadata"), UTF_8);

            assertThat(metadata).contains("\"contracts\"").contains("TestContract");
        }
    }

    @Nested
    class Contract_api_errors {
        @Test
        void chaincode_exception_on_evaluate_is_unknown_with_error_detail() {
            assertThatThrownBy(() -> contract.evaluateTransaction("Fail", "asset nope does not exist"))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                        assertThat(e.getMessage())
                                .contains("evaluate call to endorser returned error: chaincode response 500,"
                                        + " asset nope does not exist");
                        assertThat(e.getDetails())
                                .extracting(ErrorDetail::getMessage)
                                .containsExactly("chaincode response 500, asset nope does not exist");
                        assertThat(e.getDetails())
                                .extracting(ErrorDetail::getMspId)
                                .containsExactly("Org1MSP");
                    });
        }

        @Test
        void chaincode_exception_on_endorse_is_aborted_with_error_detail() {
            assertThatThrownBy(() -> contract.submitTransaction("Fail", "cannot do that"))
                    .isInstanceOfSatisfying(EndorseException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
                        assertThat(e.getMessage())
                                .contains("failed to endorse transaction, see attached details for more info");
                        assertThat(e.getDetails())
                                .extracting(ErrorDetail::getMessage)
                                .containsExactly("chaincode response 500, cannot do that");
                    });
        }

        @Test
        void unchecked_exception_hides_its_cause() {
            assertThatThrownBy(() -> contract.evaluateTransaction("FailUnchecked"))
                    .hasMessageContaining("chaincode response 500, Error during contract method execution");
        }

        @Test
        void unknown_transaction_and_contract_have_contract_api_texts() {
            assertThatThrownBy(() -> contract.evaluateTransaction("NoSuchFunction"))
                    .hasMessageContaining("chaincode response 500, Undefined contract method called");
            Contract unknown = network.getContract(DevnetFixture.CHAINCODE, "NoSuchContract");
            assertThatThrownBy(() -> unknown.evaluateTransaction("Put", "a", "b"))
                    .hasMessageContaining("chaincode response 500, Undefined contract called");
        }

        @Test
        void refused_shim_requests_surface_as_the_shims_generic_text() {
            // The peer answers ERROR (LevelDB has no rich queries; no collection is defined); the Java shim drops
            // the peer's text and reports "[<txid prefix>]Unsuccessful response received." as on real Fabric.
            assertThatThrownBy(() -> contract.evaluateTransaction("RichQuery", "{\"selector\":{}}"))
                    .isInstanceOf(GatewayException.class)
                    .hasMessageMatching(
                            "(?s).*chaincode response 500, \\[[0-9a-f]{8}\\]Unsuccessful response received\\..*");
            assertThatThrownBy(() -> contract.submitTransaction("PrivatePut", "secrets", "k", "v"))
                    .isInstanceOf(EndorseException.class)
                    .hasMessageContaining("failed to endorse transaction");
        }
    }

    @Nested
    class Range_queries {
        @Test
        void composite_keys_never_appear_in_plain_ranges() throws Exception {
            String prefix = unique("cmp");
            contract.submitTransaction("Put", prefix + "plain", "p");
            contract.submitTransaction("PutComposite", "device", prefix + ",x", "c");

            JsonArray plain = array(contract.evaluateTransaction("Range", "", ""));
            JsonArray composite = array(contract.evaluateTransaction("PartialComposite", "device", prefix));

            assertThat(keys(plain)).contains(prefix + "plain").noneMatch(k -> k.startsWith("\u0000"));
            assertThat(keys(composite)).containsExactly("\u0000device\u0000" + prefix + "\u0000x\u0000");
        }

        @Test
        void more_than_100_results_arrive_through_query_state_next() throws Exception {
            String prefix = unique("many");
            contract.submitTransaction("PutMany", prefix, "250");

            JsonArray records = array(contract.evaluateTransaction("Range", prefix, prefix + "~"));

            assertThat(records).hasSize(250);
            assertThat(keys(records)).isSorted();
        }

        @Test
        void pagination_bookmarks_continue_where_the_page_ended() throws Exception {
            String prefix = unique("page");
            contract.submitTransaction("PutMany", prefix, "25");

            JsonObject first = JsonParser.parseString(new String(
                            contract.evaluateTransaction("RangePage", prefix, prefix + "~", "10", ""), UTF_8))
                    .getAsJsonObject();
            String bookmark = first.get("bookmark").getAsString();
            JsonObject second = JsonParser.parseString(new String(
                            contract.evaluateTransaction("RangePage", prefix, prefix + "~", "10", bookmark), UTF_8))
                    .getAsJsonObject();

            assertThat(first.get("count").getAsInt()).isEqualTo(10);
            assertThat(bookmark).isEqualTo(prefix + String.format("%05d", 10));
            assertThat(keys(second.getAsJsonArray("records")).get(0)).isEqualTo(bookmark);
            assertThat(second.get("count").getAsInt()).isEqualTo(10);
        }

        @Test
        void keys_beyond_u_ffff_sort_in_utf8_byte_order() throws Exception {
            String prefix = unique("utf8");
            String bmp = prefix + "\uFFFF";
            String supplementary = prefix + new String(Character.toChars(0x1F600));
            String ascii = prefix + "a";
            contract.submitTransaction("Put", supplementary, "s");
            contract.submitTransaction("Put", bmp, "b");
            contract.submitTransaction("Put", ascii, "a");

            JsonArray records = array(contract.evaluateTransaction("Range", prefix, prefix + "\uDBFF\uDFFF"));

            // In Java's UTF-16 order the surrogate pair would sort before U+FFFF.
            assertThat(keys(records)).containsExactly(ascii, bmp, supplementary);
        }
    }

    @Nested
    class History {
        @Test
        void history_is_newest_first_with_timestamps_and_deletes() throws Exception {
            String key = unique("hist") + "k";
            contract.submitTransaction("Put", key, "v1");
            contract.submitTransaction("Put", key, "v2");
            contract.submitTransaction("Delete", key);

            JsonArray history = array(contract.evaluateTransaction("History", key));

            assertThat(history).hasSize(3);
            JsonObject newest = history.get(0).getAsJsonObject();
            assertThat(newest.get("isDelete").getAsBoolean()).isTrue();
            assertThat(history.get(1).getAsJsonObject().get("value").getAsString())
                    .isEqualTo("v2");
            assertThat(history.get(2).getAsJsonObject().get("value").getAsString())
                    .isEqualTo("v1");
            long newestSeconds = newest.get("timestampSeconds").getAsLong();
            long oldestSeconds =
                    history.get(2).getAsJsonObject().get("timestampSeconds").getAsLong();
            assertThat(newestSeconds).isGreaterThanOrEqualTo(oldestSeconds).isPositive();
        }
    }

    @Nested
    class Validation {
        @Test
        void concurrent_read_modify_write_gets_mvcc_read_conflict() throws Exception {
            String key = unique("mvcc") + "k";
            contract.submitTransaction("Put", key, "1");
            Transaction first =
                    contract.newProposal("Increment").addArguments(key).build().endorse();
            Transaction second =
                    contract.newProposal("Increment").addArguments(key).build().endorse();

            first.submit();

            assertThatThrownBy(second::submit)
                    .isInstanceOfSatisfying(CommitException.class, e -> assertThat(e.getCode())
                            .isEqualTo(TxValidationCode.MVCC_READ_CONFLICT));
            assertThat(new String(contract.evaluateTransaction("Get", key), UTF_8))
                    .isEqualTo("2");
        }

        @Test
        void insert_into_a_scanned_range_gets_phantom_read_conflict() throws Exception {
            String prefix = unique("phantom");
            contract.submitTransaction("PutMany", prefix, "3");
            Transaction scan = contract.newProposal("Range")
                    .addArguments(prefix, prefix + "~")
                    .build()
                    .endorse();

            contract.submitTransaction("Put", prefix + "000001x", "inserted");

            assertThatThrownBy(scan::submit).isInstanceOfSatisfying(CommitException.class, e -> assertThat(e.getCode())
                    .isEqualTo(TxValidationCode.PHANTOM_READ_CONFLICT));
        }

        @Test
        void range_reads_without_concurrent_writes_commit_valid() throws Exception {
            String prefix = unique("rangeok");
            contract.submitTransaction("PutMany", prefix, "3");
            contract.submitTransaction("PutMany", prefix + "big", "150");
            contract.submitTransaction("PutComposite", "grant", prefix + ",a", "g");

            for (String[] call : List.of(
                    new String[] {"Range", prefix, prefix + "~"},
                    new String[] {"Range", prefix + "big", prefix + "big~"},
                    new String[] {"PartialComposite", "grant", prefix},
                    new String[] {"PartialComposite", "grant", prefix + "-none"},
                    new String[] {"Range", prefix + "-none", prefix + "-none~"})) {
                SubmittedTransaction submitted = contract.newProposal(call[0])
                        .addArguments(java.util.Arrays.copyOfRange(call, 1, call.length))
                        .build()
                        .endorse()
                        .submitAsync();
                assertThat(submitted.getStatus().getCode())
                        .as(String.join(" ", call))
                        .isEqualTo(TxValidationCode.VALID);
            }
        }

        @Test
        void resubmitted_envelope_is_invalidated_as_duplicate_txid() throws Exception {
            Transaction transaction = contract.newProposal("Put")
                    .addArguments(unique("dup") + "k", "v")
                    .build()
                    .endorse();
            byte[] bytes = transaction.getBytes();
            long originalBlock = transaction.submitAsync().getStatus().getBlockNumber();

            SubmittedTransaction again =
                    fixture.gateway(0).newTransaction(bytes).submitAsync();

            // As on Fabric, the transaction ID index keeps the first occurrence, so CommitStatus reports the original.
            assertThat(again.getStatus().getBlockNumber()).isEqualTo(originalBlock);
            try (CloseableIterator<FilteredBlock> blocks = network.newFilteredBlockEventsRequest()
                    .startBlock(originalBlock + 1)
                    .build()
                    .getEvents()) {
                TxValidationCode duplicateCode = null;
                while (duplicateCode == null) {
                    for (FilteredTransaction tx : blocks.next().getFilteredTransactionsList()) {
                        if (tx.getTxid().equals(transaction.getTransactionId())) {
                            duplicateCode = tx.getTxValidationCode();
                        }
                    }
                }
                assertThat(duplicateCode).isEqualTo(TxValidationCode.DUPLICATE_TXID);
            }
        }

        @Test
        void proposal_with_a_committed_txid_is_refused_by_the_endorser() throws Exception {
            Proposal proposal = contract.newProposal("Put")
                    .addArguments(unique("dupp") + "k", "v")
                    .build();
            byte[] bytes = proposal.getBytes();
            proposal.endorse().submit();

            Proposal replay = fixture.gateway(0).newProposal(bytes);

            assertThatThrownBy(replay::endorse).isInstanceOfSatisfying(EndorseException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
                assertThat(e.getDetails())
                        .extracting(ErrorDetail::getMessage)
                        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                        .startsWith("duplicate transaction found [" + proposal.getTransactionId() + "]");
            });
        }

        @Test
        void majority_of_three_needs_two_organisations() throws Exception {
            String key = unique("maj") + "k";

            Transaction twoOrgs =
                    contract.newProposal("Put").addArguments(key, "v").build().endorse();
            Transaction oneOrg = contract.newProposal("Put")
                    .addArguments(key + "1", "v")
                    .setEndorsingOrganizations("Org1MSP")
                    .build()
                    .endorse();

            assertThat(twoOrgs.submitAsync().getStatus().getCode()).isEqualTo(TxValidationCode.VALID);
            assertThat(oneOrg.submitAsync().getStatus().getCode())
                    .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        }

        @Test
        void key_level_policy_requires_the_named_organisation() throws Exception {
            String key = unique("sbe") + "k";
            contract.submitTransaction("Put", key, "v0");
            contract.submitTransaction("SetKeyPolicy", key, "Org2MSP");

            Transaction withoutOrg2 = contract.newProposal("Put")
                    .addArguments(key, "v1")
                    .setEndorsingOrganizations("Org1MSP", "Org3MSP")
                    .build()
                    .endorse();
            assertThat(withoutOrg2.submitAsync().getStatus().getCode())
                    .isEqualTo(TxValidationCode.ENDORSEMENT_POLICY_FAILURE);

            // Left to itself the gateway reads the key policy from the first endorsement and asks Org2 too.
            contract.submitTransaction("Put", key, "v2");
            assertThat(new String(contract.evaluateTransaction("Get", key), UTF_8))
                    .isEqualTo("v2");
        }
    }
}
