package org.biotdm.chaincode.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read transactions through the gateway's evaluate: bookmark paging over more than the 100 records a peer returns in
 * one QueryStateNext batch, and the Contract API's metadata.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueriesIT {
    private static final int FLEET_SIZE = 120;
    private static final String FLEET = "fleet-a";

    @TempDir
    static Path dataDir;

    private BiotdmNetwork net;
    private BiotdmClient admin;
    private BiotdmClient gateway;
    private List<TelemetryWindows.Window> windows;

    @BeforeAll
    void start_network_with_a_fleet_and_its_anchors() throws Exception {
        net = BiotdmNetwork.start(dataDir);
        admin = net.admin(0);
        gateway = net.gateway(0);
        windows = TelemetryWindows.occupancyHours().subList(0, FLEET_SIZE);
        List<SubmittedTransaction> submitted = new ArrayList<>();
        for (int i = 0; i < FLEET_SIZE; i++) {
            String deviceId = String.format("dev-%04d", i);
            submitted.add(submitAsync(
                    admin,
                    "devices",
                    "RegisterDevice",
                    Requests.registerForClaim(deviceId, FLEET, Digests.sha256Hex(deviceId))));
            submitted.add(submitAsync(
                    gateway, "anchors", "AnchorTelemetry", windows.get(i).anchorRequest()));
        }
        // Devices of another group and of another organisation must stay out of the group's pages.
        submitted.add(submitAsync(
                admin,
                "devices",
                "RegisterDevice",
                Requests.registerForClaim("dev-other", "fleet-b", Digests.sha256Hex("x"))));
        submitted.add(submitAsync(
                net.admin(1),
                "devices",
                "RegisterDevice",
                Requests.registerForClaim("dev-org2", FLEET, Digests.sha256Hex("y"))));
        for (SubmittedTransaction transaction : submitted) {
            Status status = transaction.getStatus();
            assertThat(status.isSuccessful())
                    .as("%s: %s", status.getTransactionId(), status.getCode())
                    .isTrue();
        }
    }

    @AfterAll
    void stop_network() {
        net.close();
    }

    private static SubmittedTransaction submitAsync(
            BiotdmClient client, String contract, String transaction, Map<String, Object> argument) throws Exception {
        return client.proposal(contract, transaction, argument)
                .build()
                .endorse()
                .submitAsync();
    }

    /** Follows the bookmarks from the first page to the last and returns every page. */
    private List<JsonObject> pages(String contract, String transaction, Map<String, Object> query) throws Exception {
        List<JsonObject> pages = new ArrayList<>();
        String bookmark = "";
        do {
            query.put("bookmark", bookmark);
            JsonObject page = gateway.evaluateObject(contract, transaction, Json.write(query));
            pages.add(page);
            bookmark = page.get("bookmark").getAsString();
        } while (!bookmark.isEmpty());
        return pages;
    }

    private static List<String> ids(List<JsonObject> pages, String property) {
        List<String> ids = new ArrayList<>();
        for (JsonObject page : pages) {
            ids.addAll(Json.strings(page.get("records"), property));
        }
        return ids;
    }

    private static List<String> fleetIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < FLEET_SIZE; i++) {
            ids.add(String.format("dev-%04d", i));
        }
        return ids;
    }

    @Nested
    class Paging {
        @Test
        void list_devices_pages_through_the_group_with_bookmarks() throws Exception {
            List<JsonObject> pages =
                    pages("devices", "ListDevices", Json.fields("ownerMsp", "Org1MSP", "group", FLEET, "pageSize", 50));

            assertThat(pages).extracting(p -> p.get("fetchedCount").getAsInt()).containsExactly(50, 50, 20);
            assertThat(ids(pages, "deviceId")).containsExactlyElementsOf(fleetIds());
        }

        @Test
        void one_page_of_200_returns_every_device_beyond_the_peers_batch_of_100() throws Exception {
            JsonObject page = gateway.evaluateObject(
                    "devices",
                    "ListDevices",
                    Json.write(Json.fields("ownerMsp", "Org1MSP", "group", FLEET, "pageSize", 200)));

            assertThat(page.get("fetchedCount").getAsInt()).isEqualTo(FLEET_SIZE);
            assertThat(Json.strings(page.get("records"), "deviceId")).containsExactlyElementsOf(fleetIds());
            assertThat(page.get("bookmark").getAsString()).isEmpty();
        }

        @Test
        void list_devices_by_owner_includes_every_group_of_that_owner_only() throws Exception {
            List<String> ids = ids(
                    pages("devices", "ListDevices", Json.fields("ownerMsp", "Org1MSP", "pageSize", 30)), "deviceId");

            assertThat(ids).hasSize(FLEET_SIZE + 1).contains("dev-other").doesNotContain("dev-org2");
        }

        @Test
        void list_anchors_pages_through_the_time_range_in_start_time_order() throws Exception {
            long from = windows.get(0).startTime();
            long to = windows.get(FLEET_SIZE - 1).endTime();

            List<JsonObject> pages =
                    pages("anchors", "ListAnchors", Json.fields("from", from, "to", to, "pageSize", 45));

            assertThat(pages).extracting(p -> p.get("fetchedCount").getAsInt()).containsExactly(45, 45, 30);
            assertThat(ids(pages, "windowId"))
                    .containsExactlyElementsOf(windows.stream()
                            .map(TelemetryWindows.Window::windowId)
                            .toList());
        }
    }

    @Nested
    class Metadata {
        @Test
        void get_metadata_lists_every_transaction_under_its_contract() throws Exception {
            JsonObject metadata = Json.object(gateway.network()
                    .getContract(BiotdmNetwork.CHAINCODE)
                    .evaluateTransaction("org.hyperledger.fabric:GetMetadata"));
            JsonObject contracts = metadata.getAsJsonObject("contracts");

            assertThat(transactions(contracts, "devices"))
                    .containsExactlyInAnyOrder(
                            "RegisterDevice",
                            "ClaimDevice",
                            "RegisterDevices",
                            "ClaimDevices",
                            "GetDevices",
                            "ActivateDevice",
                            "SuspendDevice",
                            "ReactivateDevice",
                            "DecommissionDevice",
                            "RotateDeviceKey",
                            "UpdateDeviceMetadata",
                            "GetDevice",
                            "ListDevices",
                            "GetDeviceHistory");
            assertThat(transactions(contracts, "grants"))
                    .containsExactlyInAnyOrder("GrantDeviceAccess", "RevokeDeviceAccess", "GetGrant", "ListGrants");
            assertThat(transactions(contracts, "commands"))
                    .containsExactlyInAnyOrder(
                            "IssueCommand",
                            "MarkCommandDelivered",
                            "CompleteCommand",
                            "GetCommand",
                            "ListCommandsByDevice");
            assertThat(transactions(contracts, "anchors"))
                    .containsExactlyInAnyOrder("AnchorTelemetry", "GetAnchor", "ListAnchors");
            assertThat(transactions(contracts, "firmware"))
                    .containsExactlyInAnyOrder(
                            "PublishFirmware",
                            "RevokeFirmware",
                            "RecordFirmwareUpdate",
                            "GetFirmware",
                            "ListFirmware",
                            "RegisterFirmwareSigningKey",
                            "RevokeFirmwareSigningKey",
                            "ListFirmwareSigningKeys",
                            "SetFirmwareApprovalPolicy");
            assertThat(transactions(contracts, "groups"))
                    .containsExactlyInAnyOrder(
                            "CreateGroup",
                            "AddGroupMember",
                            "RemoveGroupMember",
                            "SetGroupPolicy",
                            "GetGroup",
                            "ListGroups");
            assertThat(transactions(contracts, "rules"))
                    .containsExactlyInAnyOrder(
                            "RegisterRule", "UpdateRule", "EnableRule", "DisableRule", "GetRule", "ListRules");
            assertThat(transactions(contracts, "configuration"))
                    .containsExactlyInAnyOrder("SetDesiredConfiguration", "ReportConfiguration", "GetConfiguration");
            assertThat(transactions(contracts, "audit")).containsExactly("AuditTrail");
            Set<String> biotdmContracts = new TreeSet<>(contracts.keySet());
            biotdmContracts.remove("org.hyperledger.fabric");
            assertThat(biotdmContracts)
                    .containsExactlyInAnyOrder(
                            "devices",
                            "grants",
                            "commands",
                            "anchors",
                            "firmware",
                            "groups",
                            "rules",
                            "configuration",
                            "audit");
        }

        private List<String> transactions(JsonObject contracts, String contract) {
            List<String> names = new ArrayList<>();
            for (JsonElement transaction : contracts.getAsJsonObject(contract).getAsJsonArray("transactions")) {
                names.add(transaction.getAsJsonObject().get("name").getAsString());
            }
            return names;
        }
    }
}
