package org.biotdm.chaincode.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hyperledger Caliper 0.6.0 (npm, its Fabric connector on the peer Gateway API through {@code
 * @hyperledger/fabric-gateway}) benchmarks the BIoT-DM chaincode on a three-organisation dev network, as an outside
 * client: the workspace {@code network/caliper} (installed by the build's {@code caliper-npm-ci} step), its workloads
 * RegisterDevice, IssueCommand, AnchorTelemetry and GetDevice, and a network configuration for Org1's peer with its
 * admin, gateway and an operator identity.
 *
 * <p>By default the short run {@code benchmarks/ci.yaml}; {@code -Dbiotdm.caliper.benchmark=benchmarks/full.yaml} runs
 * the long one (network/caliper/README.md), whose report is copied to {@code target/caliper-report.html}.
 */
class CaliperDevnetIT {
    private static final Path WORKSPACE =
            Path.of("../network/caliper").toAbsolutePath().normalize();
    private static final List<String> WORKLOADS =
            List.of("RegisterDevice", "IssueCommand", "AnchorTelemetry", "GetDevice");

    /** A row of Caliper's summary table: name, succeeded, failed, send rate, max, min, avg latency, throughput. */
    private static final Pattern SUMMARY_ROW = Pattern.compile(
            "^\\| (\\S+)\\s+\\| (\\d+)\\s+\\| (\\d+)\\s+\\| ([\\d.]+)\\s+\\| ([\\d.]+)\\s+\\| ([\\d.]+)\\s+\\| ([\\d.]+)\\s+\\| ([\\d.]+)\\s+\\|",
            Pattern.MULTILINE);

    @TempDir
    static Path dir;

    @Test
    void every_workload_runs_through_caliper_without_a_failed_transaction() throws Exception {
        assertThat(WORKSPACE.resolve("node_modules/@hyperledger/caliper-cli"))
                .as("npm ci in %s (the build's caliper-npm-ci step) installs Caliper", WORKSPACE)
                .isDirectory();
        String benchmark = System.getProperty("biotdm.caliper.benchmark", "benchmarks/ci.yaml");
        Path log = dir.resolve("caliper.log");
        Path report = dir.resolve("report.html");
        try (BiotdmNetwork net = BiotdmNetwork.start(dir.resolve("devnet"))) {
            Path config = CaliperNetwork.write(dir, net.devnet().endpoints().get(0), identities(net));
            Process caliper = new ProcessBuilder(
                            "node",
                            "node_modules/@hyperledger/caliper-cli/caliper.js",
                            "launch",
                            "manager",
                            "--caliper-workspace",
                            WORKSPACE.toString(),
                            "--caliper-networkconfig",
                            config.toString(),
                            "--caliper-benchconfig",
                            benchmark,
                            "--caliper-flow-only-test",
                            // Progress every second rather than every 5 s: a round's results are collected sooner.
                            "--caliper-progress-reporting-interval",
                            "1000",
                            "--caliper-report-path",
                            report.toString())
                    .directory(WORKSPACE.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            assertThat(caliper.waitFor(15, TimeUnit.MINUTES))
                    .as("caliper finished")
                    .isTrue();
            String output = Files.readString(log, UTF_8);
            assertThat(caliper.exitValue()).as(output).isZero();
            Map<String, Matcher> rounds = summary(output);
            System.out.println(
                    "Caliper " + benchmark + " on the dev network:\n" + String.join("\n", summaryLines(rounds)));
            assertThat(rounds).as(output).containsKeys(WORKLOADS.toArray(String[]::new));
            for (String workload : WORKLOADS) {
                Matcher row = rounds.get(workload);
                assertThat(Long.parseLong(row.group(2)))
                        .as("%s succeeded", workload)
                        .isPositive();
                assertThat(Long.parseLong(row.group(3)))
                        .as("%s failed\n%s", workload, output)
                        .isZero();
            }
            Files.copy(
                    report, Path.of("target/caliper-report.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Map<String, org.biotdm.devnet.msp.SigningIdentity> identities(BiotdmNetwork net) {
        Map<String, org.biotdm.devnet.msp.SigningIdentity> identities = new LinkedHashMap<>();
        identities.put("admin", net.org(0).admin());
        identities.put("gateway", net.org(0).gatewayClient());
        identities.put("operator", net.issue(0, "caliper-operator", "operator"));
        return identities;
    }

    /** Caliper's summary table (the last one it prints for each round), by round label. */
    private static Map<String, Matcher> summary(String output) {
        Map<String, Matcher> rounds = new LinkedHashMap<>();
        Matcher row = SUMMARY_ROW.matcher(output);
        while (row.find()) {
            Matcher copy = SUMMARY_ROW.matcher(row.group());
            copy.find();
            rounds.put(row.group(1), copy);
        }
        return rounds;
    }

    private static List<String> summaryLines(Map<String, Matcher> rounds) {
        return rounds.values().stream()
                .map(row -> String.format(
                        "CALIPER %s succ=%s fail=%s throughput_tps=%s avg_latency_s=%s max_latency_s=%s",
                        row.group(1), row.group(2), row.group(3), row.group(8), row.group(7), row.group(5)))
                .toList();
    }
}
