package org.biotdm.gateway.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A gateway on the real dev network that serves its own ledger organisation, Org1MSP, and is handed only Org1's
 * registrar secret file: it holds no other organisation's registrar secret or bootstrap token, and a gateway handed
 * Org2's secret without serving Org2 does not start.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ingress.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
class ServedOrganisationsIT implements TestPropertyProvider {
    private Path dataDir;

    @Inject
    RegistrarSecrets secrets;

    @Inject
    FabricEnroller enroller;

    @Inject
    UserService users;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestGateway.properties("served", true);
        properties.remove("biotdm.users.organisations");
        properties.put(
                "biotdm.users.registrar-secret-files",
                TestDevnet.get().registrarSecretFile("Org1MSP").toString());
        dataDir = Path.of(properties.get("biotdm.data-dir"));
        return properties;
    }

    @Test
    void serves_its_ledger_organisation_with_that_organisations_registrar_secret_only() {
        assertThat(secrets.organisations()).containsExactly("Org1MSP");
        assertThat(secrets.secret("Org1MSP")).isPresent();
        assertThat(secrets.secret("Org2MSP")).isEmpty();
        assertThat(secrets.secret("Org3MSP")).isEmpty();
        assertThat(enroller.organisations()).containsExactly("Org1MSP");
        assertThat(users.organisations()).containsExactly("Org1MSP");
        assertThat(users.servesOrganisation("Org2MSP")).isFalse();
    }

    @Test
    void issues_a_bootstrap_token_to_its_own_organisation_only() throws Exception {
        Properties tokens = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("users/bootstrap-tokens.properties"))) {
            tokens.load(reader);
        }

        assertThat(tokens.stringPropertyNames()).containsExactly("Org1MSP");
    }

    @Test
    void refuses_to_start_when_handed_the_secret_of_an_organisation_it_does_not_serve() {
        Map<String, Object> properties = new HashMap<>(TestGateway.properties("served_refused", true));
        properties.remove("biotdm.users.organisations");
        properties.put("biotdm.anchoring.enabled", "false");
        properties.put("biotdm.ingress.enabled", "false");
        properties.put(
                "biotdm.users.registrar-secret-files",
                TestDevnet.get().registrarSecretFile("Org1MSP") + ","
                        + TestDevnet.get().registrarSecretFile("Org2MSP"));

        assertThatThrownBy(() -> ApplicationContext.run(properties).close())
                .rootCause()
                .hasMessageContaining("registrar secret of Org2MSP, which this gateway does not serve")
                .hasMessageContaining("[Org1MSP]");
    }
}
