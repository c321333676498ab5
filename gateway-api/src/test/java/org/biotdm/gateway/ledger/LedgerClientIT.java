package org.biotdm.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.gateway.provisioning.TestCsrs;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The submit loop against real MVCC validation: a competing transaction commits between this transaction's
 * endorsement and its submission, so its first attempt is invalidated with {@code MVCC_READ_CONFLICT} and the retry,
 * a new transaction, commits.
 */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
class LedgerClientIT implements TestPropertyProvider {
    @Inject
    LedgerClient client;

    @Inject
    LedgerConfiguration configuration;

    @Inject
    TransactionLog transactionLog;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    private final LedgerIdentity admin =
            identity(TestDevnet.get().crypto().orgs().get(0).admin());

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        TestMariaDb.datasourceProperties("ledger_client").forEach((k, v) -> properties.put(k, String.valueOf(v)));
        try {
            properties.put(
                    "biotdm.data-dir",
                    Files.createTempDirectory(
                                    Files.createDirectories(Path.of("target", "it-data"))
                                            .toAbsolutePath(),
                                    "client-")
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static LedgerIdentity identity(SigningIdentity identity) {
        return new LedgerIdentity(identity.mspId(), identity.certificate(), identity.privateKey());
    }

    private static String metadata(String deviceId, String value) {
        return "{\"deviceId\":\"" + deviceId + "\",\"metadata\":{\"owner\":\"" + value + "\"}}";
    }

    @Test
    void a_read_conflict_is_retried_as_a_new_transaction_that_commits() throws Exception {
        String deviceId = "cli-mvcc-" + System.nanoTime();
        String pem = TestCsrs.pem(TestCsrs.p256().getPublic()).replace("\n", "\\n");
        client.submit(
                admin,
                "devices",
                "RegisterDevice",
                "device:" + deviceId,
                "{\"deviceId\":\"" + deviceId + "\",\"deviceType\":\"env-sensor\",\"model\":\"Org1MSP/env-sensor\","
                        + "\"firmwareVersion\":\"1.0.0\",\"group\":\"lab\",\"publicKeyPem\":\"" + pem
                        + "\",\"certFingerprint\":\"" + "ef".repeat(32) + "\"}",
                Map.of());
        Contract devices = client.network(admin).getContract(configuration.chaincode(), "devices");
        List<String> proposed = new ArrayList<>();
        Supplier<Proposal> proposals = () -> {
            Proposal proposal = devices.newProposal("UpdateDeviceMetadata")
                    .addArguments(metadata(deviceId, "ours"))
                    .build();
            proposed.add(proposal.getTransactionId());
            if (proposed.size() > 1) {
                return proposal;
            }
            return new RacedProposal(
                    proposal,
                    () -> client.submit(
                            admin,
                            "devices",
                            "UpdateDeviceMetadata",
                            "device:" + deviceId,
                            metadata(deviceId, "theirs"),
                            Map.of()));
        };

        LedgerResult result = client.submit(proposals, "devices:UpdateDeviceMetadata", "device:" + deviceId, "it");

        assertThat(proposed).hasSize(2);
        assertThat(result.transactionId()).isEqualTo(proposed.get(1));
        assertThat(new String(result.payload(), StandardCharsets.UTF_8)).contains("\"owner\":\"ours\"");
        byte[] device = client.evaluate(admin, "devices", "GetDevice", deviceId);
        assertThat(new String(device, StandardCharsets.UTF_8)).contains("\"owner\":\"ours\"");
        assertThat(status(proposed.get(0))).isEqualTo("MVCC_READ_CONFLICT");
        assertThat(status(proposed.get(1))).isEqualTo(TransactionLog.COMMITTED);
    }

    private String status(String transactionId) throws Exception {
        assertThat(transactionLog.flush(10_000)).isTrue();
        try (Connection connection = resolver.resolve(dataSource).getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT status FROM blockchain_tx WHERE tx_id = ?")) {
            statement.setString(1, transactionId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** A competing write, committed while our endorsed transaction waits to be submitted. */
    @FunctionalInterface
    private interface Competitor {
        void run() throws LedgerException;
    }

    /** A proposal whose endorsement is followed by a competing commit on the same key. */
    private static final class RacedProposal implements Proposal {
        private final Proposal delegate;
        private final Competitor competitor;

        RacedProposal(Proposal delegate, Competitor competitor) {
            this.delegate = delegate;
            this.competitor = competitor;
        }

        @Override
        public String getTransactionId() {
            return delegate.getTransactionId();
        }

        @Override
        public byte[] evaluate(UnaryOperator<CallOptions> options) throws GatewayException {
            return delegate.evaluate(options);
        }

        @Override
        public Transaction endorse(UnaryOperator<CallOptions> options) throws EndorseException {
            Transaction endorsed = delegate.endorse(options);
            try {
                competitor.run();
            } catch (LedgerException e) {
                throw new IllegalStateException("the competing transaction failed", e);
            }
            return endorsed;
        }

        @Override
        public byte[] getBytes() {
            return delegate.getBytes();
        }

        @Override
        public byte[] getDigest() {
            return delegate.getDigest();
        }
    }
}
