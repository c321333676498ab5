package org.biotdm.chaincode.support;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Gathers what one transaction needs: the stub, the caller, the transaction id and the transaction time.
 *
 * <p>Time is the proposal's timestamp, identical on every endorser; the wall clock would make endorsements
 * disagree. The class also guards the rule of one chaincode event per transaction.
 */
public final class Tx {
    private final ChaincodeStub stub;
    private final Caller caller;
    private final long nowMillis;
    private boolean eventEmitted;

    private Tx(final ChaincodeStub stub, final Caller caller) {
        this.stub = stub;
        this.caller = caller;
        this.nowMillis = stub.getTxTimestamp().toEpochMilli();
    }

    /**
     * Opens the transaction view of a Contract API context.
     *
     * @param ctx the transaction context
     * @return the view
     */
    public static Tx of(final Context ctx) {
        return new Tx(ctx.getStub(), Caller.from(ctx.getClientIdentity()));
    }

    /**
     * Returns the chaincode stub.
     *
     * @return the stub
     */
    public ChaincodeStub stub() {
        return stub;
    }

    /**
     * Returns the identity that submitted the transaction.
     *
     * @return the caller
     */
    public Caller caller() {
        return caller;
    }

    /**
     * Returns the transaction timestamp chosen by the client and signed in the proposal.
     *
     * @return epoch milliseconds, UTC
     */
    public long nowMillis() {
        return nowMillis;
    }

    /**
     * Returns the transaction id.
     *
     * @return the txid
     */
    public String txId() {
        return stub.getTxId();
    }

    /**
     * Sets the transaction's chaincode event; Fabric keeps only the last one, so a second call is a bug.
     *
     * @param name the event name
     * @param payload the event payload
     * @throws IllegalStateException when the transaction already set an event
     */
    public void setEvent(final String name, final byte[] payload) {
        if (eventEmitted) {
            throw new IllegalStateException("A transaction carries exactly one chaincode event");
        }
        eventEmitted = true;
        stub.setEvent(name, payload);
    }
}
