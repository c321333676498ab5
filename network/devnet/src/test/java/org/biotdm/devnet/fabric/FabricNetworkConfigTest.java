package org.biotdm.devnet.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.biotdm.devnet.chaincode.CcaasConnection;
import org.biotdm.devnet.policy.ChannelPolicies;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of {@code network/fabric} without Docker: its files parse, its channel has the dev network's
 * policies, and its compose files, CA configurations, gateway settings and the chaincode package's {@code
 * connection.json} name the same hosts and ports.
 */
class FabricNetworkConfigTest {
    private static final Path FABRIC = Path.of("..", "fabric");
    private static final List<String> PEERS =
            List.of("peer0.org1.example.com", "peer0.org2.example.com", "peer0.org3.example.com");

    @Nested
    class Channel {
        @Test
        void application_organisations_have_the_dev_networks_policies() throws IOException {
            List<Map<String, Object>> orgs =
                    list(map(profile().get("Application")).get("Organizations"));

            assertThat(orgs).extracting(org -> org.get("ID")).containsExactly("Org1MSP", "Org2MSP", "Org3MSP");
            for (Map<String, Object> org : orgs) {
                assertThat(rules(org.get("Policies")))
                        .isEqualTo(ChannelPolicies.orgPolicyRules((String) org.get("ID")));
            }
        }

        @Test
        void application_policies_are_majority_endorsement_for_chaincodes_and_their_lifecycle() throws IOException {
            Map<String, String> rules = rules(map(profile().get("Application")).get("Policies"));

            assertThat(rules).isEqualTo(ChannelPolicies.applicationPolicyRules());
            assertThat(rules).containsEntry("LifecycleEndorsement", "MAJORITY Endorsement");
        }

        @Test
        void three_raft_consenters_are_the_composed_orderers_on_their_ports() throws IOException {
            Map<String, Object> orderer = map(profile().get("Orderer"));
            List<Map<String, Object>> consenters =
                    list(map(orderer.get("EtcdRaft")).get("Consenters"));
            Map<String, Map<String, Object>> services = services("compose-net.yaml");

            assertThat(orderer.get("OrdererType")).isEqualTo("etcdraft");
            assertThat(consenters).hasSize(3);
            for (Map<String, Object> consenter : consenters) {
                Map<String, String> env = environment(services.get((String) consenter.get("Host")));
                assertThat(env).containsEntry("ORDERER_GENERAL_LISTENPORT", String.valueOf(consenter.get("Port")));
                assertThat(env).containsEntry("ORDERER_GENERAL_BOOTSTRAPMETHOD", "none");
            }
        }

        @Test
        void anchor_peers_are_the_composed_peers_on_their_ports() throws IOException {
            Map<String, Map<String, Object>> services = services("compose-net.yaml");

            for (Map<String, Object> org :
                    list(map(profile().get("Application")).get("Organizations"))) {
                Map<String, Object> anchor = list(org.get("AnchorPeers")).get(0);
                Map<String, String> env = environment(services.get((String) anchor.get("Host")));
                assertThat(env).containsEntry("CORE_PEER_ADDRESS", anchor.get("Host") + ":" + anchor.get("Port"));
                assertThat(env).containsEntry("CORE_PEER_LOCALMSPID", (String) org.get("ID"));
            }
        }
    }

    @Nested
    class Peers {
        @Test
        void every_peer_keeps_leveldb_and_renders_ccaas_packages_with_its_builder_config() throws IOException {
            Map<String, Map<String, Object>> services = services("compose-net.yaml");

            for (String peer : PEERS) {
                Map<String, String> env = environment(services.get(peer));
                assertThat(env).containsEntry("CORE_LEDGER_STATE_STATEDATABASE", "goleveldb");
                assertThat(env.get("CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG")).startsWith("${PEER0_ORG");
            }
        }

        @Test
        void each_peers_connection_json_names_a_composed_chaincode_server_on_the_images_port() throws IOException {
            var template = JsonParser.parseString(Files.readString(
                            Path.of("..", "..", "chaincode-java", "src", "main", "ccaas", "connection.json")))
                    .getAsJsonObject();
            Map<String, Map<String, Object>> servers = services("compose-chaincode.yaml");
            String dockerfile = Files.readString(Path.of("..", "..", "chaincode-java", "Dockerfile"));

            for (String peer : PEERS) {
                CcaasConnection connection = CcaasConnection.render(
                        template,
                        Map.of(
                                "peername",
                                peer,
                                "ccaas_root_cert",
                                "r",
                                "ccaas_client_key",
                                "k",
                                "ccaas_client_cert",
                                "c"));
                assertThat(servers).containsKey(connection.host());
                assertThat(dockerfile)
                        .contains("CHAINCODE_SERVER_ADDRESS=0.0.0.0:"
                                + connection
                                        .address()
                                        .substring(connection.host().length() + 1));
                assertThat(connection.tlsRequired()).isTrue();
                assertThat(connection.clientAuthRequired()).isTrue();
            }
        }

        @Test
        void host_ports_are_bound_to_loopback_only() throws IOException {
            List<String> ports = new ArrayList<>();
            for (String file : List.of("compose-net.yaml", "compose-ca.yaml", "compose-chaincode.yaml")) {
                services(file).values().forEach(service -> ports.addAll(strings(service.get("ports"))));
            }

            assertThat(ports).isNotEmpty().allMatch(port -> port.startsWith("127.0.0.1:"));
        }
    }

    @Nested
    class Settings {
        @Test
        void each_ca_server_config_has_the_port_and_name_its_enrolment_uses() throws IOException {
            Map<String, Map<String, Object>> cas = services("compose-ca.yaml");
            String enroll = Files.readString(FABRIC.resolve("scripts/enroll.sh"))
                    + Files.readString(FABRIC.resolve("network.sh"));

            for (Map.Entry<String, Map<String, Object>> ca : cas.entrySet()) {
                String dir = strings(ca.getValue().get("volumes")).get(0).replaceAll(".*/fabric-ca/([^:]+):.*", "$1");
                Map<String, Object> config =
                        yaml(FABRIC.resolve("fabric-ca").resolve(dir).resolve("fabric-ca-server-config.yaml"));
                assertThat(map(config.get("ca")).get("name")).isEqualTo(ca.getKey());
                assertThat(strings(ca.getValue().get("ports")))
                        .containsExactly("127.0.0.1:" + config.get("port") + ":" + config.get("port"));
                assertThat(enroll).contains(String.valueOf(config.get("port")));
            }
        }

        @Test
        void each_organisations_gateway_settings_reach_its_own_peer() throws IOException {
            Map<String, Map<String, Object>> services = services("compose-net.yaml");

            for (int n = 1; n <= 3; n++) {
                Properties settings = gatewaySettings(n);
                String host = settings.getProperty("BIOTDM_LEDGER_PEER_HOST_NAME");
                String port =
                        settings.getProperty("BIOTDM_LEDGER_PEER_ENDPOINT").replace("localhost:", "");
                assertThat(strings(services.get(host).get("ports"))).contains("127.0.0.1:" + port + ":" + port);
                assertThat(environment(services.get(host)))
                        .containsEntry("CORE_PEER_LOCALMSPID", settings.getProperty("BIOTDM_LEDGER_MSP_ID"));
            }
        }

        @Test
        void each_organisations_gateway_settings_enrol_people_with_its_own_ca() throws IOException {
            Map<String, Map<String, Object>> cas = services("compose-ca.yaml");

            for (int n = 1; n <= 3; n++) {
                Properties settings = gatewaySettings(n);
                String port =
                        settings.getProperty("BIOTDM_USERS_ENROLLMENT_URL").replace("https://localhost:", "");
                Map<String, Object> ca = cas.get("ca-org" + n);
                assertThat(strings(ca.get("ports"))).contains("127.0.0.1:" + port + ":" + port);
                assertThat(String.valueOf(ca.get("command"))).contains("-b ca-admin:");
                assertThat(Files.readString(FABRIC.resolve("fabric-ca/org" + n + "/fabric-ca-server-config.yaml")))
                        .contains("name: ca-org" + n, "port: " + port);
                assertThat(settings.getProperty("BIOTDM_USERS_CA_TLS_ROOT_CERT"))
                        .isEqualTo("network/fabric/organizations/fabric-ca/org" + n + "/ca-cert.pem");
                assertThat(settings.getProperty("BIOTDM_USERS_REGISTRAR_SECRET_FILES"))
                        .isEqualTo("network/fabric/organizations/registrars/Org" + n + "MSP.properties");
            }
        }

        private static Properties gatewaySettings(int n) throws IOException {
            Properties settings = new Properties();
            try (var in = Files.newBufferedReader(FABRIC.resolve("gateway").resolve("org" + n + ".env"))) {
                settings.load(in);
            }
            return settings;
        }

        @Test
        void scripts_are_valid_bash() throws Exception {
            for (String script : List.of("network.sh", "scripts/enroll.sh")) {
                Process bash = new ProcessBuilder(
                                "bash", "-n", FABRIC.resolve(script).toString())
                        .redirectErrorStream(true)
                        .start();
                String output =
                        new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(bash.exitValue()).as(output).isZero();
            }
        }
    }

    private static Map<String, Object> profile() throws IOException {
        return map(map(yaml(FABRIC.resolve("configtx/configtx.yaml")).get("Profiles"))
                .get("BiotdmChannel"));
    }

    private static Map<String, Map<String, Object>> services(String composeFile) throws IOException {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(yaml(FABRIC.resolve("compose").resolve(composeFile)).get("services"))
                .forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        assertThat(service).as("compose service").isNotNull();
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : strings(service.get("environment"))) {
            int equals = entry.indexOf('=');
            env.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return env;
    }

    private static Map<String, String> rules(Object policies) {
        Map<String, String> rules = new LinkedHashMap<>();
        map(policies)
                .forEach((name, policy) -> rules.put(name, (String) map(policy).get("Rule")));
        return rules;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (var in = Files.newBufferedReader(file)) {
            return new Yaml(options).load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
