package org.biotdm.device.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.biotdm.protocol.json.CanonicalJson;
import org.biotdm.protocol.receipt.CommandReceipt;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applying a pushed configuration: hash check, the device's rules, durable state, and the signed receipt sent. */
class DeviceConfigurationsTest {
    private static final String DOCUMENT = "{\"sampling\":{\"intervalMs\":5000,\"gain\":1.50}}";
    private static final String CANONICAL = "{\"sampling\":{\"gain\":1.5,\"intervalMs\":5000}}";

    @TempDir
    Path dir;

    private final RetryTest.ScriptedTransport transport = new RetryTest.ScriptedTransport();

    private DeviceState state() throws Exception {
        DeviceState state = DeviceState.open(dir, "d-1");
        state.storeCertificate(TestCertificates.selfSigned(state.keys(), "d-1"), null);
        return state;
    }

    private DeviceConfigurations applier(DeviceState state, DeviceConfigurations.Validator rules) throws Exception {
        transport.answers.add(RetryTest.answer(200, "{}", null));
        return new DeviceConfigurations(
                DeviceClient.builder(state, credentials -> transport).build(), state, rules);
    }

    private static DeviceCommand command(String parameters, String parametersSha256) {
        return new DeviceCommand("cfg-1", "configuration", parameters, parametersSha256, 0, 1);
    }

    private Map<String, Object> sentReceipt() throws Exception {
        return Json.parseObject(transport.bodies.get(0));
    }

    @Test
    void applies_stores_and_reports_the_hash_of_the_canonical_configuration() throws Exception {
        DeviceState state = state();
        String sha256 = CanonicalJson.sha256Hex(CANONICAL);

        DeviceConfigurations.Outcome outcome = applier(state, c -> Optional.empty())
                .apply(command(DOCUMENT, sha256))
                .join();

        assertThat(outcome).isEqualTo(new DeviceConfigurations.Outcome(ReceiptStatus.SUCCEEDED, sha256, null));
        assertThat(DeviceState.open(dir, "d-1").configuration()).contains(CANONICAL);
        Map<String, Object> receipt = sentReceipt();
        assertThat(receipt).containsEntry("status", "SUCCEEDED").containsEntry("resultSha256", sha256);
        byte[] text =
                new CommandReceipt("cfg-1", "d-1", "configuration", sha256, ReceiptStatus.SUCCEEDED, sha256).bytes();
        assertThat(state.keys().verify(text, Base64.getDecoder().decode((String) receipt.get("signature"))))
                .isTrue();
    }

    @Test
    void refuses_what_the_device_rules_reject_with_a_code_and_keeps_the_previous_configuration() throws Exception {
        DeviceState state = state();
        state.storeConfiguration("{\"previous\":true}");
        DeviceConfigurations.Validator rules = c ->
                ((Map<?, ?>) c.get("sampling")).get("intervalMs") instanceof BigInteger ms && ms.intValue() < 10_000
                        ? Optional.of("intervalMs must be at least 10000")
                        : Optional.empty();

        DeviceConfigurations.Outcome outcome = applier(state, rules)
                .apply(command(DOCUMENT, CanonicalJson.sha256Hex(CANONICAL)))
                .join();

        assertThat(outcome.status()).isEqualTo(ReceiptStatus.FAILED);
        assertThat(outcome.code()).isEqualTo(DeviceConfigurations.INVALID);
        assertThat(state.configuration()).contains("{\"previous\":true}");
        Map<String, Object> receipt = sentReceipt();
        assertThat(receipt).containsEntry("status", "FAILED").doesNotContainKey("resultSha256");
        String result = new String(transport.bodies.get(0), StandardCharsets.UTF_8);
        assertThat(result)
                .contains("\"result\":{\"code\":\"CONFIGURATION_INVALID\","
                        + "\"message\":\"intervalMs must be at least 10000\"}");
    }

    @Test
    void refuses_a_configuration_that_does_not_hash_to_the_ledgers_value() throws Exception {
        DeviceState state = state();

        DeviceConfigurations.Outcome outcome = applier(state, c -> Optional.empty())
                .apply(command(DOCUMENT, CanonicalJson.sha256Hex("{}")))
                .join();

        assertThat(outcome.code()).isEqualTo(DeviceConfigurations.INVALID);
        assertThat(state.configuration()).isEmpty();
    }

    @Test
    void refuses_commands_of_other_types() throws Exception {
        DeviceConfigurations applier = applier(state(), c -> Optional.empty());

        assertThatThrownBy(() -> applier.apply(new DeviceCommand("c-1", "reboot", "{}", "00", 0, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
