package org.biotdm.chaincode.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.biotdm.devnet.msp.SigningIdentity;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;

/**
 * One identity's fabric-gateway connection to the {@code biotdm} chaincode through one organisation's peer. Write
 * transactions take one JSON object; reads take plain string arguments, as chaincode-java/README.md documents.
 */
final class BiotdmClient {
    private final Network network;
    private final SigningIdentity identity;

    /**
     * A committed write transaction.
     *
     * @param txId the transaction id
     * @param blockNumber the block it committed in
     * @param record the JSON record the transaction returned
     */
    record Committed(String txId, long blockNumber, JsonObject record) {}

    BiotdmClient(Network network, SigningIdentity identity) {
        this.network = network;
        this.identity = identity;
    }

    Network network() {
        return network;
    }

    String mspId() {
        return identity.mspId();
    }

    /** Returns the caller id the chaincode records for this identity in {@code updatedBy} and events. */
    String fabricId() {
        return FabricIds.of(identity.certificate());
    }

    Contract contract(String name) {
        return network.getContract(BiotdmNetwork.CHAINCODE, name);
    }

    /**
     * Starts a proposal of a write transaction with its one JSON argument.
     *
     * @param contract the contract, for example {@code devices}
     * @param transaction the transaction, for example {@code RegisterDevice}
     * @param argument the JSON argument, as text or as a map to serialise
     * @return the proposal builder, to add endorsing organisations or transient data
     */
    Proposal.Builder proposal(String contract, String transaction, Object argument) {
        return contract(contract).newProposal(transaction).addArguments(Json.argument(argument));
    }

    /**
     * Endorses and submits a write transaction and waits until it commits VALID.
     *
     * @return the committed transaction
     * @throws AssertionError when the transaction commits with another validation code
     */
    Committed submit(String contract, String transaction, Object argument) throws GatewayException {
        return submit(proposal(contract, transaction, argument));
    }

    /**
     * Endorses and submits a proposal and waits until it commits VALID. Tests that expect an invalidated transaction
     * call {@link Transaction#submit()} themselves, which throws the client's {@code CommitException}.
     *
     * @return the committed transaction
     * @throws AssertionError when the transaction commits with another validation code
     */
    Committed submit(Proposal.Builder proposal) throws GatewayException {
        Transaction transaction = proposal.build().endorse();
        SubmittedTransaction submitted = transaction.submitAsync();
        Status status = submitted.getStatus();
        if (!status.isSuccessful()) {
            throw new AssertionError("transaction " + status.getTransactionId() + " committed as " + status.getCode());
        }
        return new Committed(
                transaction.getTransactionId(), status.getBlockNumber(), Json.object(submitted.getResult()));
    }

    /**
     * Evaluates a read transaction on this client's peer.
     *
     * @return the JSON result
     */
    JsonElement evaluate(String contract, String transaction, String... arguments) throws GatewayException {
        return Json.parse(new String(contract(contract).evaluateTransaction(transaction, arguments), UTF_8));
    }

    /** Evaluates a read transaction whose result is a JSON object. */
    JsonObject evaluateObject(String contract, String transaction, String... arguments) throws GatewayException {
        return evaluate(contract, transaction, arguments).getAsJsonObject();
    }
}
