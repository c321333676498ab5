package org.biotdm.chaincode.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CanonicalReceiptTest {
    @Test
    void is_seven_lines_in_fixed_order_each_ended_by_line_feed() {
        final Command command = Command.builder()
                .commandId("c-1")
                .deviceId("d-1")
                .commandType("reboot")
                .parametersSha256("a".repeat(64))
                .build();

        assertThat(CanonicalReceipt.text(command, CommandStatus.SUCCEEDED, "b".repeat(64)))
                .isEqualTo("biotdm-receipt-v1\ncommandId=c-1\ndeviceId=d-1\ncommandType=reboot\nparametersSha256="
                        + "a".repeat(64) + "\nstatus=SUCCEEDED\nresultSha256=" + "b".repeat(64) + "\n");
        assertThat(CanonicalReceipt.bytes(command, CommandStatus.FAILED, "b".repeat(64)))
                // 18 + 14 + 13 + 19 + (17 + 64 + 1) + 14 + (13 + 64 + 1) bytes, all ASCII
                .hasSize(238);
    }
}
