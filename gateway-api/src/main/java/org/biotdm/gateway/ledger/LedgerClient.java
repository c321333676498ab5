package org.biotdm.gateway.ledger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.metrics.LedgerCallMetrics;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;

/**
 * Calls the BIoT-DM chaincode through fabric-gateway, translating failures with {@link LedgerErrors}, retrying read
 * conflicts with new transactions, and recording each submitted transaction in {@link TransactionLog}. The typed
 * {@code *Ledger} wrappers build on it.
 *
 * <p>Submit follows Fabric's endorse → submit → commit-status sequence (fabric-gateway's {@code
 * Contract.submitTransaction}) but reads the commit status itself, so that an invalidated transaction is reported
 * with its validation code and a transaction invalidated with {@code MVCC_READ_CONFLICT} or {@code
 * PHANTOM_READ_CONFLICT} is retried as a new proposal (new nonce, new transaction ID) up to {@code
 * biotdm.ledger.conflict-attempts} times with jittered exponential backoff. Calls block the calling thread.
 */
@Singleton
public class LedgerClient {
    private final LedgerConfiguration configuration;
    private final GatewayPool gateways;
    private final LedgerIdentities identities;
    private final TransactionLog transactionLog;
    private final LedgerCallMetrics metrics;

    /**
     * Creates the client.
     *
     * @param configuration the ledger settings (channel, chaincode, retry policy)
     * @param gateways the gateway connections
     * @param identities the identities the gateway can act as
     * @param transactionLog where submitted transactions are recorded
     */
    public LedgerClient(
            LedgerConfiguration configuration,
            GatewayPool gateways,
            LedgerIdentities identities,
            TransactionLog transactionLog) {
        this(configuration, gateways, identities, transactionLog, LedgerCallMetrics.NONE);
    }

    /**
     * Creates the client, timing every call.
     *
     * @param configuration the ledger settings (channel, chaincode, retry policy)
     * @param gateways the gateway connections
     * @param identities the identities the gateway can act as
     * @param transactionLog where submitted transactions are recorded
     * @param metrics times each call by outcome
     */
    @Inject
    public LedgerClient(
            LedgerConfiguration configuration,
            GatewayPool gateways,
            LedgerIdentities identities,
            TransactionLog transactionLog,
            LedgerCallMetrics metrics) {
        this.configuration = configuration;
        this.gateways = gateways;
        this.identities = identities;
        this.transactionLog = transactionLog;
        this.metrics = metrics;
    }

    /**
     * Returns the gateway service's own identity.
     *
     * @return the identity
     * @throws LedgerException {@code LEDGER_UNAVAILABLE} when it is not configured or cannot be read
     */
    public LedgerIdentity gatewayIdentity() throws LedgerException {
        return identities.gatewayIdentity();
    }

    /**
     * Returns the configured channel as seen by an identity, for event streams.
     *
     * @param identity the identity
     * @return the network
     * @throws LedgerException {@code LEDGER_UNAVAILABLE} when the connection is not configured
     */
    public Network network(LedgerIdentity identity) throws LedgerException {
        return gateways.gateway(identity).getNetwork(configuration.channel());
    }

    /**
     * Returns the configured chaincode's name.
     *
     * @return the chaincode name
     */
    public String chaincode() {
        return configuration.chaincode();
    }

    /**
     * Evaluates a read-only transaction on the peer; nothing is ordered or committed.
     *
     * @param identity the calling identity
     * @param contractName the contract, for example {@code devices}
     * @param function the transaction, for example {@code GetDevice}
     * @param arguments the string arguments
     * @return the chaincode's response payload
     * @throws LedgerException a chaincode error code ({@code CONTRACT}), {@code LEDGER_UNAVAILABLE}, or {@code
     *     LEDGER_REJECTED}
     */
    public byte[] evaluate(LedgerIdentity identity, String contractName, String function, String... arguments)
            throws LedgerException {
        long start = System.nanoTime();
        Proposal proposal = contract(identity, contractName)
                .newProposal(function)
                .addArguments(arguments)
                .build();
        try {
            byte[] result = proposal.evaluate();
            metrics.record("evaluate", contractName + ":" + function, "ok", start);
            return result;
        } catch (GatewayException e) {
            LedgerException failure = LedgerErrors.translate(e, null);
            metrics.record("evaluate", contractName + ":" + function, outcome(failure), start);
            throw failure;
        }
    }

    /**
     * Submits a write transaction with one argument and waits for it to commit.
     *
     * @param identity the submitting identity
     * @param contractName the contract, for example {@code devices}
     * @param function the transaction, for example {@code ClaimDevice}
     * @param entityKey the entity the transaction concerns, {@code <entity>:<id>}, for the transaction log; or null
     * @param argument the one JSON argument
     * @param transientData private data for the chaincode that never lands in a block (empty for none)
     * @return the committed transaction's ID, block number and payload
     * @throws LedgerException a chaincode error code or a commit validation code ({@code CONTRACT}), {@code
     *     LEDGER_CONFLICT}, {@code LEDGER_UNAVAILABLE}, {@code LEDGER_UNKNOWN_OUTCOME}, or {@code LEDGER_REJECTED}
     */
    public LedgerResult submit(
            LedgerIdentity identity,
            String contractName,
            String function,
            String entityKey,
            String argument,
            Map<String, byte[]> transientData)
            throws LedgerException {
        Contract contract = contract(identity, contractName);
        return submit(
                () -> contract.newProposal(function)
                        .addArguments(argument)
                        .putAllTransient(transientData)
                        .build(),
                contractName + ":" + function,
                entityKey,
                identity.displayName());
    }

    /**
     * Submits a write transaction endorsed by peers of the named organisations and the submitter's, for keys under a
     * key-level (state-based) endorsement policy naming several organisations, which the gateway's endorsement plan
     * (built from the chaincode policy) does not know of; the organisations must together satisfy the chaincode policy
     * too. When only the submitter's organisation is named, the endorsement plan is used as for {@link #submit}.
     *
     * @param identity the submitting identity
     * @param contractName the contract
     * @param function the transaction
     * @param entityKey the entity the transaction concerns, {@code <entity>:<id>}, for the transaction log; or null
     * @param argument the one JSON argument
     * @param endorsingOrganisations the MSP IDs whose peers must endorse besides the submitter's
     * @return the committed transaction's ID, block number and payload
     * @throws LedgerException as {@link #submit(LedgerIdentity, String, String, String, String, Map)}; a missing
     *     endorsement shows as {@code LEDGER_REJECTED} with {@code ENDORSEMENT_POLICY_FAILURE}
     */
    public LedgerResult submitEndorsedBy(
            LedgerIdentity identity,
            String contractName,
            String function,
            String entityKey,
            String argument,
            java.util.List<String> endorsingOrganisations)
            throws LedgerException {
        java.util.SortedSet<String> named = new java.util.TreeSet<>(endorsingOrganisations);
        named.add(identity.mspId());
        if (named.size() == 1) {
            return submit(identity, contractName, function, entityKey, argument, Map.of());
        }
        Contract contract = contract(identity, contractName);
        String[] orgs = named.toArray(new String[0]);
        return submit(
                () -> contract.newProposal(function)
                        .addArguments(argument)
                        .setEndorsingOrganizations(orgs)
                        .build(),
                contractName + ":" + function,
                entityKey,
                identity.displayName());
    }

    /**
     * Runs the submit-and-retry loop over proposals from a source; each call of the source must build a new
     * proposal (a new transaction ID).
     */
    LedgerResult submit(Supplier<Proposal> proposals, String function, String entityKey, String submitter)
            throws LedgerException {
        long start = System.nanoTime();
        try {
            LedgerResult result = submitWithRetries(proposals, function, entityKey, submitter);
            metrics.record("submit", function, "ok", start);
            return result;
        } catch (LedgerException e) {
            metrics.record("submit", function, outcome(e), start);
            throw e;
        }
    }

    private static String outcome(LedgerException failure) {
        return failure.code() == null ? failure.kind().name() : failure.code().name();
    }

    private LedgerResult submitWithRetries(
            Supplier<Proposal> proposals, String function, String entityKey, String submitter) throws LedgerException {
        int attempts = configuration.conflictAttempts();
        for (int attempt = 1; ; attempt++) {
            Attempt outcome = submitOnce(proposals.get(), function, entityKey, submitter);
            if (outcome.result != null) {
                return outcome.result;
            }
            if (!LedgerErrors.isReadConflict(outcome.status.getCode())) {
                throw LedgerErrors.invalidated(
                        outcome.status.getTransactionId(), outcome.status.getCode(), outcome.status.getBlockNumber());
            }
            if (attempt >= attempts) {
                throw LedgerErrors.conflict(outcome.status.getTransactionId(), outcome.status.getCode(), attempts);
            }
            backoff(attempt);
        }
    }

    private Attempt submitOnce(Proposal proposal, String function, String entityKey, String submitter)
            throws LedgerException {
        String txId = proposal.getTransactionId();
        try {
            Transaction transaction = proposal.endorse();
            SubmittedTransaction submitted = transaction.submitAsync();
            Status status = submitted.getStatus();
            boolean valid = status.isSuccessful();
            transactionLog.record(
                    txId,
                    function,
                    entityKey,
                    submitter,
                    valid ? TransactionLog.COMMITTED : status.getCode().name(),
                    status.getBlockNumber());
            return valid
                    ? new Attempt(new LedgerResult(txId, status.getBlockNumber(), submitted.getResult()), status)
                    : new Attempt(null, status);
        } catch (EndorseException e) {
            transactionLog.record(txId, function, entityKey, submitter, TransactionLog.ENDORSE_FAILED, null);
            throw LedgerErrors.translate(e, txId);
        } catch (SubmitException e) {
            transactionLog.record(txId, function, entityKey, submitter, TransactionLog.SUBMIT_FAILED, null);
            throw LedgerErrors.translate(e, txId);
        } catch (CommitStatusException e) {
            transactionLog.record(txId, function, entityKey, submitter, TransactionLog.UNKNOWN, null);
            throw LedgerErrors.translate(e, txId);
        }
    }

    private Contract contract(LedgerIdentity identity, String contractName) throws LedgerException {
        return network(identity).getContract(configuration.chaincode(), contractName);
    }

    private void backoff(int attempt) throws LedgerException {
        Duration base = configuration.conflictBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        long millis = (long) (base.toMillis() * ThreadLocalRandom.current().nextDouble(0.5, 1.5));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException(
                    LedgerException.Kind.UNAVAILABLE,
                    ErrorCode.LEDGER_UNAVAILABLE,
                    "Interrupted while waiting to retry a conflicted transaction",
                    null,
                    e);
        }
    }

    private record Attempt(LedgerResult result, Status status) {}
}
