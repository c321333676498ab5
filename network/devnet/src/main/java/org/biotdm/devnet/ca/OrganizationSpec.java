package org.biotdm.devnet.ca;

import java.util.List;
import java.util.Map;

/**
 * What cryptogen would generate for one organisation: its MSP, one node and some users.
 *
 * @param mspId the MSP ID, for example {@code Org1MSP}
 * @param domain the organisation's domain, for example {@code org1.example.com}
 * @param nodesDirName {@code peers} or {@code orderers}
 * @param nodeName the node's host name, for example {@code peer0.org1.example.com}
 * @param nodeOu the node's NodeOU, {@code peer} or {@code orderer}
 * @param users the users to create under {@code users/}
 */
record OrganizationSpec(
        String mspId, String domain, String nodesDirName, String nodeName, String nodeOu, List<UserSpec> users) {

    /**
     * One user identity.
     *
     * @param name the user name before the {@code @domain}, for example {@code Admin}
     * @param nodeOu {@code admin} or {@code client}
     * @param extraAttributes attributes besides the {@code hf.*} ones that Fabric CA always embeds
     */
    record UserSpec(String name, String nodeOu, Map<String, String> extraAttributes) {}

    static OrganizationSpec peerOrg(int index) {
        String domain = "org" + index + ".example.com";
        return new OrganizationSpec(
                "Org" + index + "MSP",
                domain,
                "peers",
                "peer0." + domain,
                "peer",
                List.of(
                        new UserSpec("Admin", "admin", Map.of("biotdm.role", "admin")),
                        new UserSpec("User1", "client", Map.of()),
                        new UserSpec("gateway", "client", Map.of("biotdm.role", "gateway"))));
    }

    static OrganizationSpec ordererOrg() {
        return new OrganizationSpec(
                "OrdererMSP",
                "example.com",
                "orderers",
                "orderer.example.com",
                "orderer",
                List.of(new UserSpec("Admin", "admin", Map.of("biotdm.role", "admin"))));
    }

    String userDirName(String user) {
        return user.contains("@") ? user : user + "@" + domain;
    }

    String caCertFileName() {
        return "ca." + domain + "-cert.pem";
    }

    String tlsCaCertFileName() {
        return "tlsca." + domain + "-cert.pem";
    }
}
