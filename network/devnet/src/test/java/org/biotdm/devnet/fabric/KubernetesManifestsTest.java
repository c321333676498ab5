package org.biotdm.devnet.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests of one member organisation ({@code network/fabric/k8s}), checked without a cluster: every
 * document parses and has its required fields, everything lives in the one namespace, workloads' selectors match their
 * pods, Services reach a workload on a named container port, every ConfigMap a pod names is among the manifests and
 * every Secret among those {@code secrets.sh} creates, with the keys it creates, and Secrets are mounted read-only and
 * owner-only (mode 0400) into pods that run as a fixed non-root user.
 */
class KubernetesManifestsTest {
    private static final Path K8S = Path.of("..", "fabric", "k8s");
    private static final String NAMESPACE = "biotdm-org1";
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");
    private static final int OWNER_ONLY = 0400;

    /** {@code secret <name> <key>=<file>…} lines of secrets.sh (continuation lines joined). */
    private static final Pattern SECRET_LINE = Pattern.compile("^\\s*secret (\\S+) (.*)$", Pattern.MULTILINE);

    private static final Pattern SECRET_KEY = Pattern.compile("\"?([\\w.$\\{}-]+)=");

    @Test
    void kustomization_lists_every_manifest_and_each_parses_with_its_required_fields() throws IOException {
        List<String> resources =
                list(load(K8S.resolve("kustomization.yaml")).get(0).get("resources"));
        try (Stream<Path> files = Files.list(K8S)) {
            assertThat(files.map(f -> f.getFileName().toString())
                            .filter(f -> f.endsWith(".yaml") && !"kustomization.yaml".equals(f)))
                    .containsExactlyInAnyOrderElementsOf(resources);
        }
        for (Map<String, Object> doc : documents()) {
            assertThat(doc).containsKeys("apiVersion", "kind", "metadata");
            Map<String, Object> metadata = map(doc.get("metadata"));
            assertThat((String) metadata.get("name")).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            if (!"Namespace".equals(doc.get("kind"))) {
                assertThat(metadata.get("namespace")).as(name(doc)).isEqualTo(NAMESPACE);
            }
        }
        assertThat(documents()).anySatisfy(doc -> assertThat(name(doc)).isEqualTo("Namespace/" + NAMESPACE));
    }

    @Test
    void workloads_select_their_own_pods_and_run_as_a_fixed_non_root_user_with_limits() throws IOException {
        List<Map<String, Object>> workloads = workloads();
        assertThat(workloads)
                .extracting(KubernetesManifestsTest::name)
                .containsExactlyInAnyOrder(
                        "StatefulSet/peer0",
                        "Deployment/biotdm-chaincode",
                        "StatefulSet/mariadb",
                        "StatefulSet/gateway-api");
        for (Map<String, Object> workload : workloads) {
            Map<String, Object> spec = map(workload.get("spec"));
            Map<String, Object> template = map(spec.get("template"));
            assertThat(map(map(template.get("metadata")).get("labels")))
                    .as(name(workload))
                    .containsAllEntriesOf(map(map(spec.get("selector")).get("matchLabels")));
            Map<String, Object> security = map(podSpec(workload).get("securityContext"));
            assertThat(security).as(name(workload)).containsEntry("runAsNonRoot", true);
            assertThat(security.get("fsGroup")).as(name(workload)).isEqualTo(security.get("runAsGroup"));
            for (Map<String, Object> container : containers(workload)) {
                assertThat((String) container.get("image")).as(name(workload)).contains(":");
                assertThat(map(map(container.get("resources")).get("limits"))).containsKey("memory");
            }
        }
    }

    @Test
    void services_reach_a_workload_on_a_named_container_port() throws IOException {
        for (Map<String, Object> service : ofKind("Service")) {
            Map<String, Object> spec = map(service.get("spec"));
            Map<String, Object> selector = map(spec.get("selector"));
            Map<String, Object> target = workloads().stream()
                    .filter(w -> map(map(map(map(w.get("spec")).get("template")).get("metadata"))
                                    .get("labels"))
                            .entrySet()
                            .containsAll(selector.entrySet()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(name(service) + " selects no workload"));
            Set<String> portNames = new HashSet<>();
            for (Map<String, Object> container : containers(target)) {
                list(container.get("ports"))
                        .forEach(port -> portNames.add((String) map(port).get("name")));
            }
            for (Object port : list(spec.get("ports"))) {
                assertThat(portNames).as(name(service)).contains((String)
                        map(port).get("targetPort"));
            }
        }
    }

    @Test
    void every_secret_and_config_map_a_pod_names_exists_with_the_keys_it_reads() throws IOException {
        Map<String, Set<String>> secrets = secretsScriptCreates();
        Map<String, Set<String>> configMaps = new HashMap<>();
        for (Map<String, Object> configMap : ofKind("ConfigMap")) {
            configMaps.put(
                    (String) map(configMap.get("metadata")).get("name"),
                    map(configMap.get("data")).keySet());
        }
        for (Map<String, Object> workload : workloads()) {
            for (Object volume : list(podSpec(workload).get("volumes"))) {
                Map<String, Object> secret = map(map(volume).get("secret"));
                assertThat(secrets).as(name(workload)).containsKey((String) secret.get("secretName"));
                for (Object item : list(secret.get("items"))) {
                    assertThat(secrets.get((String) secret.get("secretName")))
                            .as("%s in %s", map(item).get("key"), secret.get("secretName"))
                            .contains((String) map(item).get("key"));
                }
            }
            for (Map<String, Object> container : containers(workload)) {
                for (Object from : list(container.get("envFrom"))) {
                    assertThat(configMaps).containsKey((String)
                            map(map(from).get("configMapRef")).get("name"));
                }
                for (Object env : list(container.get("env"))) {
                    Map<String, Object> ref = map(map(map(env).get("valueFrom")).get("secretKeyRef"));
                    if (!ref.isEmpty()) {
                        assertThat(secrets.get((String) ref.get("name")))
                                .as("secretKeyRef %s", ref)
                                .contains((String) ref.get("key"));
                    }
                }
            }
        }
    }

    @Test
    void secrets_are_mounted_read_only_and_owner_only_and_each_one_created_is_used() throws IOException {
        Set<String> used = new HashSet<>();
        for (Map<String, Object> workload : workloads()) {
            Set<String> secretVolumes = new HashSet<>();
            for (Object volume : list(podSpec(workload).get("volumes"))) {
                Map<String, Object> secret = map(map(volume).get("secret"));
                if (!secret.isEmpty()) {
                    assertThat(secret.get("defaultMode")).as(name(workload)).isEqualTo(OWNER_ONLY);
                    secretVolumes.add((String) map(volume).get("name"));
                    used.add((String) secret.get("secretName"));
                }
            }
            for (Map<String, Object> container : containers(workload)) {
                for (Object mount : list(container.get("volumeMounts"))) {
                    if (secretVolumes.contains((String) map(mount).get("name"))) {
                        assertThat(map(mount).get("readOnly"))
                                .as(name(workload))
                                .isEqualTo(true);
                    }
                }
                for (Object env : list(container.get("env"))) {
                    Object ref = map(map(map(env).get("valueFrom")).get("secretKeyRef"))
                            .get("name");
                    if (ref != null) {
                        used.add((String) ref);
                    }
                }
            }
        }
        assertThat(used)
                .containsExactlyInAnyOrderElementsOf(secretsScriptCreates().keySet());
    }

    @Test
    void peer_renders_connection_json_to_the_chaincode_service_whose_certificate_names_it() throws IOException {
        String secretsScript = Files.readString(K8S.resolve("secrets.sh"));
        String enroll = Files.readString(K8S.resolve("../scripts/enroll.sh"));
        Map<String, Object> service = ofKind("Service").stream()
                .filter(s -> "biotdm".equals(map(s.get("metadata")).get("name")))
                .findFirst()
                .orElseThrow();

        // connection.json's address is biotdm.{{.peername}}:9999; peername biotdm-org<N> = namespace biotdm-org<N>.
        assertThat(secretsScript).contains("--arg peer \"biotdm-org${N}\"").contains("NS=\"biotdm-org${N}\"");
        assertThat(map(list(map(service.get("spec")).get("ports")).get(0))).containsEntry("port", 9999);
        assertThat(enroll).contains("\"biotdm.biotdm-org${n}\"");
    }

    @Test
    void peer_msp_holds_its_ca_certificate_where_the_node_ous_of_enroll_sh_name_it() throws IOException {
        Map<String, Object> peer = workloads().stream()
                .filter(w -> "peer0".equals(map(w.get("metadata")).get("name")))
                .findFirst()
                .orElseThrow();
        List<String> paths = new ArrayList<>();
        for (Object volume : list(podSpec(peer).get("volumes"))) {
            list(map(map(volume).get("secret")).get("items"))
                    .forEach(item -> paths.add((String) map(item).get("path")));
        }
        String enroll = Files.readString(K8S.resolve("../scripts/enroll.sh"));
        String network = Files.readString(K8S.resolve("../network.sh"));

        // NodeOUs name cacerts/localhost-<CA port>-<CA name>.pem; Org1's CA is ca-org1 on the first CA port.
        assertThat(enroll)
                .contains("Certificate: cacerts/localhost-$(ca_port_of \"${ca_dir}\")-$(ca_name_of \"${ca_dir}\").pem");
        assertThat(network).contains("CA_PORTS=(7054 ").contains("\"ca-org${n}\"");
        assertThat(paths).contains("cacerts/localhost-7054-ca-org1.pem", "config.yaml", "keystore/priv_sk");
    }

    private static Map<String, Set<String>> secretsScriptCreates() throws IOException {
        String script = Files.readString(K8S.resolve("secrets.sh")).replace("\\\n", " ");
        Map<String, Set<String>> secrets = new HashMap<>();
        Matcher line = SECRET_LINE.matcher(script);
        while (line.find()) {
            Set<String> keys = new HashSet<>();
            Matcher key = SECRET_KEY.matcher(line.group(2));
            while (key.find()) {
                keys.add(key.group(1).replace("${N}", "1"));
            }
            secrets.put(line.group(1), keys);
        }
        assertThat(secrets).as("secret lines of secrets.sh").hasSizeGreaterThanOrEqualTo(7);
        return secrets;
    }

    private static List<Map<String, Object>> documents() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String file : KubernetesManifestsTest.<String>list(
                load(K8S.resolve("kustomization.yaml")).get(0).get("resources"))) {
            docs.addAll(load(K8S.resolve(file)));
        }
        return docs;
    }

    private static List<Map<String, Object>> ofKind(String kind) throws IOException {
        return documents().stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static List<Map<String, Object>> workloads() throws IOException {
        return documents().stream()
                .filter(d -> WORKLOADS.contains(d.get("kind")))
                .toList();
    }

    private static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return list(podSpec(workload).get("containers"));
    }

    private static String name(Map<String, Object> doc) {
        return doc.get("kind") + "/" + map(doc.get("metadata")).get("name");
    }

    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return value == null ? List.of() : (List<T>) value;
    }
}
