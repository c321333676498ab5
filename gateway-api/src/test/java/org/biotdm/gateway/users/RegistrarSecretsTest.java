package org.biotdm.gateway.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrarSecretsTest {
    @TempDir
    Path dir;

    private Path secretFile(String... mspAndSecret) throws IOException {
        StringBuilder text = new StringBuilder("# registrar secrets\n");
        for (int i = 0; i < mspAndSecret.length; i += 2) {
            text.append(mspAndSecret[i]).append('=').append(mspAndSecret[i + 1]).append('\n');
        }
        Path file = Files.createTempFile(dir, "registrar-", ".properties");
        Files.writeString(file, text);
        return file;
    }

    private RegistrarSecrets fromSettings(Map<String, Object> settings) {
        return new RegistrarSecrets(
                TestSettings.bind(UsersConfiguration.class, settings),
                TestSettings.bind(LedgerConfiguration.class, settings));
    }

    @Test
    void by_default_serves_only_the_organisation_of_its_ledger_identity() throws IOException {
        Path org2 = secretFile("Org2MSP", "secret-of-org2");

        RegistrarSecrets secrets = fromSettings(
                Map.of("biotdm.ledger.msp-id", "Org2MSP", "biotdm.users.registrar-secret-files", org2.toString()));

        assertThat(secrets.organisations()).containsExactly("Org2MSP");
        assertThat(secrets.secret("Org2MSP")).contains("secret-of-org2");
    }

    @Test
    void loads_each_served_organisations_own_file() throws IOException {
        Path org1 = secretFile("Org1MSP", "secret-of-org1");
        Path org3 = secretFile("Org3MSP", "secret-of-org3");

        RegistrarSecrets secrets = fromSettings(Map.of(
                "biotdm.users.organisations",
                "Org1MSP,Org3MSP",
                "biotdm.users.registrar-secret-files",
                org1 + "," + org3));

        assertThat(secrets.organisations()).containsExactly("Org1MSP", "Org3MSP");
        assertThat(secrets.secret("Org1MSP")).contains("secret-of-org1");
        assertThat(secrets.secret("Org3MSP")).contains("secret-of-org3");
        assertThat(secrets.secret("Org2MSP")).isEmpty();
    }

    @Test
    void refuses_to_start_with_the_secret_of_an_organisation_it_does_not_serve() throws IOException {
        Path org1 = secretFile("Org1MSP", "secret-of-org1");
        Path org2 = secretFile("Org2MSP", "secret-of-org2");
        List<Path> files = List.of(org1, org2);

        assertThatThrownBy(() -> new RegistrarSecrets(List.of("Org1MSP"), Map.of(), files))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(org2.toString())
                .hasMessageContaining("registrar secret of Org2MSP, which this gateway does not serve")
                .hasMessageContaining("[Org1MSP]")
                .hasMessageNotContaining("secret-of-org2");
    }

    @Test
    void refuses_one_file_shared_by_every_organisation() throws IOException {
        Path shared = secretFile("Org1MSP", "secret-of-org1", "Org2MSP", "secret-of-org2", "Org3MSP", "secret-of-org3");

        assertThatThrownBy(() -> fromSettings(Map.of(
                        "biotdm.ledger.msp-id", "Org1MSP", "biotdm.users.registrar-secret-files", shared.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Org2MSP, which this gateway does not serve");
    }

    @Test
    void refuses_an_inline_secret_of_an_organisation_it_does_not_serve() {
        assertThatThrownBy(
                        () -> new RegistrarSecrets(List.of("Org1MSP"), Map.of("Org3MSP", "secret-of-org3"), List.of()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("biotdm.users.registrar-secrets holds the registrar secret of Org3MSP");
    }

    @Test
    void an_inline_secret_takes_precedence_over_the_file() throws IOException {
        Path org1 = secretFile("Org1MSP", "from-the-file");

        RegistrarSecrets secrets = new RegistrarSecrets(List.of("Org1MSP"), Map.of("Org1MSP", "inline"), List.of(org1));

        assertThat(secrets.secret("Org1MSP")).contains("inline");
    }

    @Test
    void a_missing_file_leaves_its_organisation_without_a_secret() {
        RegistrarSecrets secrets =
                new RegistrarSecrets(List.of("Org1MSP"), Map.of(), List.of(dir.resolve("not-yet-written.properties")));

        assertThat(secrets.organisations()).containsExactly("Org1MSP");
        assertThat(secrets.secret("Org1MSP")).isEmpty();
    }
}
