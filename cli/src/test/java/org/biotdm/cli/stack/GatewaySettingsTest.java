package org.biotdm.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {
    /** As DevnetMain writes it (two organisations, shortened paths). */
    private static final String CONNECTION =
            """
            {"channel":"mychannel","chaincodes":["biotdm"],"enrollmentUrl":"http://127.0.0.1:7055","tls":true,
             "organizations":[
              {"mspId":"Org1MSP","peerAddress":"127.0.0.1:7051","peerHostName":"peer0.org1.example.com",
               "tlsRootCert":"/d/devnet/org1/tlsca.pem","mspDir":"/d/devnet/org1/msp",
               "adminMspDir":"/d/devnet/org1/admin/msp","gatewayMspDir":"/d/devnet/org1/gateway/msp",
               "registrarSecretFile":"/d/devnet/registrars/Org1MSP.properties"},
              {"mspId":"Org2MSP","peerAddress":"127.0.0.1:8051","peerHostName":"peer0.org2.example.com",
               "tlsRootCert":"/d/devnet/org2/tlsca.pem","mspDir":"/d/devnet/org2/msp",
               "adminMspDir":"/d/devnet/org2/admin/msp","gatewayMspDir":"/d/devnet/org2/gateway/msp",
               "registrarSecretFile":"/d/devnet/registrars/Org2MSP.properties"}]}
            """;

    @Test
    void reads_the_dev_networks_connection_file() throws Exception {
        DevnetConnection connection = DevnetConnection.parse(new ObjectMapper().readTree(CONNECTION));

        assertThat(connection.channel()).isEqualTo("mychannel");
        assertThat(connection.enrollmentUrl()).isEqualTo("http://127.0.0.1:7055");
        assertThat(connection.organisations())
                .extracting(DevnetConnection.Organisation::mspId)
                .containsExactly("Org1MSP", "Org2MSP");
        assertThat(connection.organisations().get(1).gatewayMspDir()).isEqualTo(Path.of("/d/devnet/org2/gateway/msp"));
    }

    @Test
    void refuses_a_connection_file_without_organisations() {
        assertThatThrownBy(() -> DevnetConnection.parse(new ObjectMapper().readTree("{\"channel\":\"c\"}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("organizations");
    }

    @Test
    void points_the_gateway_at_org1s_peer_and_identity_and_the_devnets_enrolment() throws Exception {
        DevnetConnection connection = DevnetConnection.parse(new ObjectMapper().readTree(CONNECTION));
        Map<String, String> settings =
                GatewaySettings.of(new DataDir(Path.of("/d")), connection, List.of("Org1MSP", "Org2MSP"), 18080, 18443);

        assertThat(settings)
                .containsEntry("biotdm.data-dir", "/d/gateway")
                .containsEntry("micronaut.server.port", "18080")
                .containsEntry("biotdm.ingress.port", "18443")
                .containsEntry("biotdm.ledger.peer-endpoint", "127.0.0.1:7051")
                .containsEntry("biotdm.ledger.peer-host-name", "peer0.org1.example.com")
                .containsEntry("biotdm.ledger.tls-root-cert", "/d/devnet/org1/tlsca.pem")
                .containsEntry("biotdm.ledger.msp-id", "Org1MSP")
                .containsEntry("biotdm.ledger.identity-msp-dir", "/d/devnet/org1/gateway/msp")
                .containsEntry("biotdm.ledger.channel", "mychannel")
                .containsEntry("biotdm.users.enrollment-url", "http://127.0.0.1:7055")
                .containsEntry("biotdm.users.organisations", "Org1MSP,Org2MSP")
                .containsEntry(
                        "biotdm.users.registrar-secret-files",
                        "/d/devnet/registrars/Org1MSP.properties,/d/devnet/registrars/Org2MSP.properties");
        assertThat(GatewaySettings.asJvmArguments(settings)).contains("-Dbiotdm.ingress.port=18443");
    }

    @Test
    void hands_a_gateway_serving_org1_only_org1s_registrar_secret_file_only() throws Exception {
        DevnetConnection connection = DevnetConnection.parse(new ObjectMapper().readTree(CONNECTION));

        Map<String, String> settings =
                GatewaySettings.of(new DataDir(Path.of("/d")), connection, List.of("Org1MSP"), 18080, 18443);

        assertThat(settings)
                .containsEntry("biotdm.users.organisations", "Org1MSP")
                .containsEntry("biotdm.users.registrar-secret-files", "/d/devnet/registrars/Org1MSP.properties");
        assertThat(String.join(" ", settings.values())).doesNotContain("Org2MSP");
    }

    @Test
    void refuses_to_serve_an_organisation_the_dev_network_does_not_have() throws Exception {
        DevnetConnection connection = DevnetConnection.parse(new ObjectMapper().readTree(CONNECTION));

        assertThatThrownBy(() -> GatewaySettings.of(new DataDir(Path.of("/d")), connection, List.of("Org9MSP"), 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Org9MSP");
    }
}
