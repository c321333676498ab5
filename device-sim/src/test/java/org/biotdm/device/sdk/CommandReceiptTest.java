package org.biotdm.device.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.biotdm.protocol.receipt.CommandReceipt;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.junit.jupiter.api.Test;

class CommandReceiptTest {
    @Test
    void encodes_the_seven_lines_of_the_chaincode_readme_and_signs_them() {
        DeviceCommand command = new DeviceCommand("cmd-1", "reboot", "{}", "a".repeat(64), 0, 1);
        String result = CommandReceipt.sha256Hex(new byte[0]);

        byte[] receipt = new CommandReceipt(
                        command.commandId(),
                        "d-17",
                        command.commandType(),
                        command.parametersSha256(),
                        ReceiptStatus.SUCCEEDED,
                        result)
                .bytes();

        assertThat(new String(receipt, StandardCharsets.UTF_8))
                .isEqualTo("biotdm-receipt-v1\ncommandId=cmd-1\ndeviceId=d-17\ncommandType=reboot\n"
                        + "parametersSha256=" + "a".repeat(64) + "\nstatus=SUCCEEDED\n"
                        + "resultSha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
        DeviceKeys keys = DeviceKeys.generate();
        assertThat(keys.verify(receipt, keys.sign(receipt))).isTrue();
    }

    @Test
    void parses_a_delivered_command_and_keeps_its_parameters_as_json() throws Exception {
        var object = Json.parseObject(("{\"commandId\":\"c-9\",\"commandType\":\"set-interval\","
                        + "\"parameters\":{\"seconds\":30,\"mode\":\"fast\"},\"parametersSha256\":\"" + "b".repeat(64)
                        + "\",\"issuedAt\":1699999990000,\"expiresAt\":1700000000000,\"deliveryCount\":2}")
                .getBytes(StandardCharsets.UTF_8));

        DeviceCommand command = DeviceCommand.from(object);

        assertThat(command)
                .isEqualTo(new DeviceCommand(
                        "c-9",
                        "set-interval",
                        "{\"seconds\":30,\"mode\":\"fast\"}",
                        "b".repeat(64),
                        1_700_000_000_000L,
                        2));
        assertThat(command.expired(1_700_000_000_000L)).isTrue();
        assertThat(command.expired(1_699_999_999_999L)).isFalse();
    }
}
