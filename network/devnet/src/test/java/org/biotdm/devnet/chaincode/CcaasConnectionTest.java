package org.biotdm.devnet.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CcaasConnectionTest {
    private static final Map<String, String> CONFIG = Map.of(
            "peername", "peer0.org1.example.com",
            "ccaas_root_cert", "-----BEGIN CERTIFICATE-----\nroot\n-----END CERTIFICATE-----\n",
            "ccaas_client_key", "key",
            "ccaas_client_cert", "cert");

    private static JsonObject json(String text) {
        return JsonParser.parseString(text).getAsJsonObject();
    }

    @Test
    void renders_every_template_field_from_the_builder_config() {
        CcaasConnection connection = CcaasConnection.render(
                json("{\"address\":\"biotdm.{{.peername}}:9999\",\"dial_timeout\":\"10s\",\"tls_required\":true,"
                        + "\"client_auth_required\":true,\"root_cert\":\"{{.ccaas_root_cert}}\","
                        + "\"client_key\":\"{{ .ccaas_client_key }}\",\"client_cert\":\"{{.ccaas_client_cert}}\"}"),
                CONFIG);

        assertThat(connection)
                .isEqualTo(new CcaasConnection(
                        "biotdm.peer0.org1.example.com:9999",
                        Duration.ofSeconds(10),
                        true,
                        true,
                        CONFIG.get("ccaas_root_cert"),
                        "key",
                        "cert"));
        assertThat(connection.host()).isEqualTo("biotdm.peer0.org1.example.com");
    }

    @Test
    void ignores_the_tls_fields_without_tls_as_the_builder_does() {
        CcaasConnection connection = CcaasConnection.render(
                json("{\"address\":\"cc:9999\",\"tls_required\":false,\"client_auth_required\":true,"
                        + "\"root_cert\":\"{{.missing}}\"}"),
                Map.of());

        assertThat(connection.tlsRequired()).isFalse();
        assertThat(connection.clientAuthRequired()).isFalse();
        assertThat(connection.rootCert()).isEmpty();
        assertThat(connection.dialTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void refuses_a_template_key_the_config_lacks_as_gos_missingkey_error() {
        assertThatThrownBy(() -> CcaasConnection.render(json("{\"address\":\"{{.peername}}:9999\"}"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Failed to parse the address field template: map has no entry for key \"peername\"");
    }

    @Test
    void refuses_template_actions_other_than_a_field_reference() {
        assertThatThrownBy(
                        () -> CcaasConnection.render(json("{\"address\":\"{{if .peername}}x{{end}}:9999\"}"), CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only {{.key}} actions are supported");
    }

    @Test
    void refuses_a_dial_timeout_that_is_not_a_duration() {
        assertThatThrownBy(() ->
                        CcaasConnection.render(json("{\"address\":\"cc:9999\",\"dial_timeout\":\"ten\"}"), CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dial_timeout is not a duration such as 10s: ten");
    }

    @Test
    void refuses_a_connection_without_address() {
        assertThatThrownBy(() -> CcaasConnection.render(json("{\"dial_timeout\":\"1s\"}"), CONFIG))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("connection.json has no address");
    }
}
