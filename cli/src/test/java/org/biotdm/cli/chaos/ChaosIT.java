package org.biotdm.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.biotdm.cli.CliJar;
import org.biotdm.cli.KeyValues;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run of CI, as a user runs it ({@code biotdm.jar chaos}, its own supervised stack in a temporary
 * directory): one SIGKILL each of the gateway, its MariaDB and the dev network and one SIGSTOP of the ledger while
 * two devices replay real readings and an operator issues commands; every fault recovers without a person and the
 * history checks out against MariaDB and the ledger, and the peers' world-state hashes agree across the dev network's
 * restart. (The second gateway instance's kill is left to the full run: its start would add a minute here.)
 */
class ChaosIT {
    @Test
    void one_fault_of_each_kind_loses_nothing_duplicates_nothing_and_recovers_unattended() throws Exception {
        CliJar.Result result = CliJar.run(
                "chaos",
                "--duration",
                "60",
                "--devices",
                "2",
                "--rate",
                "4",
                "--gateway-kills",
                "1",
                "--second-gateway-kills",
                "1",
                "--mariadb-kills",
                "1",
                "--devnet-kills",
                "1",
                "--ledger-stops",
                "1",
                "--ledger-stop-s",
                "5",
                "--command-every-s",
                "3",
                "--seed",
                "18");

        String last = result.output().lines().reduce((a, b) -> b).orElse("");
        Map<String, String> fields = KeyValues.parse("CHAOS", last);
        assertThat(fields)
                .as(result.output())
                .containsEntry("faults", "5")
                .containsEntry("lost", "0")
                .containsEntry("duplicated", "0")
                .containsEntry("phantom", "0")
                .containsEntry("unanchored", "0")
                .containsEntry("executed_twice", "0")
                .containsEntry("state_mismatched", "0")
                .containsEntry("manual_steps", "0")
                .containsEntry("result", "OK");
        assertThat(Long.parseLong(fields.get("acked"))).isPositive();
        assertThat(Integer.parseInt(fields.get("windows"))).isPositive();
        assertThat(Integer.parseInt(fields.get("commands"))).isPositive();
        assertThat(result.exitStatus()).isZero();
    }
}
