package org.biotdm.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.biotdm.cli.ApiClient;

/**
 * Forms a cluster on the ledger as the owner organisation's admin, through the gateway's group routes: a device group
 * {@code cluster-<first 12 hex digits of SHA-256(head ID)>} holding the head and the members, whose policy names the
 * head as cluster head ({@code docs/automation.md}, {@code docs/cluster-keys.md}). Idempotent: an existing group is
 * kept, members already in it are not added again, and the policy is written only when it names another head. A
 * device that belongs to another group is refused by the chaincode ({@code GROUP_MEMBERSHIP_CONFLICT}).
 */
public final class ClusterFormation {
    /** The command types the cluster's policy allows: the demo's, so its commands keep reaching these devices. */
    static final List<String> COMMAND_TYPES = List.of("set-sampling-interval", "light");

    private ClusterFormation() {}

    /**
     * Forms the cluster.
     *
     * @param api the gateway's API
     * @param adminToken an access token of the devices' owner organisation's admin
     * @param head the cluster head's device ID
     * @param members the members' device IDs
     * @return the group ID
     * @throws ApiClient.ApiError when the gateway or the chaincode refuses a step
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    static String form(ApiClient api, String adminToken, String head, List<String> members)
            throws IOException, InterruptedException {
        String groupId = groupId(head);
        String path = "/api/v1/groups/" + groupId;
        JsonNode group = existing(api, path, adminToken);
        if (group == null) {
            Map<String, Object> create = new HashMap<>();
            create.put("groupId", groupId);
            create.put("description", "cluster of head " + head);
            create.put("policy", policy(null));
            group = api.post("/api/v1/groups", create, adminToken).path("group");
        }
        List<String> wanted = new ArrayList<>(List.of(head));
        wanted.addAll(members);
        for (String deviceId : wanted) {
            if (!contains(group.path("members"), deviceId)) {
                api.post(path + "/members", Map.of("deviceId", deviceId), adminToken);
            }
        }
        if (!head.equals(group.path("policy").path("clusterHeadDeviceId").asText(null))) {
            api.put(path + "/policy", policy(head), adminToken);
        }
        return groupId;
    }

    /**
     * Returns the cluster's group ID for a head.
     *
     * @param head the head's device ID
     * @return {@code cluster-} and 12 hex digits
     */
    public static String groupId(String head) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(head.getBytes(StandardCharsets.UTF_8));
            return "cluster-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Map<String, Object> policy(String head) {
        Map<String, Object> policy = new HashMap<>();
        policy.put("commandTypes", COMMAND_TYPES);
        policy.put("clusterHeadDeviceId", head);
        policy.put("coEndorseGrantees", false);
        return policy;
    }

    private static JsonNode existing(ApiClient api, String path, String token)
            throws IOException, InterruptedException {
        try {
            return api.get(path, Map.of(), token);
        } catch (ApiClient.ApiError e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }
}
