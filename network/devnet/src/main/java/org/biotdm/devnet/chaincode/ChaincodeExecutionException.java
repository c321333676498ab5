package org.biotdm.devnet.chaincode;

/**
 * Signals that a chaincode could not produce a response, with the text Fabric's {@code ChaincodeSupport.Execute}
 * returns (the endorser prefixes it with {@code "error in simulation: "}), for example:
 *
 * <ul>
 *   <li>{@code failed to execute transaction <txid>: error sending: chaincode stream terminated} (the chaincode
 *       process died; the gateway removes the peer when a message ends so);
 *   <li>{@code failed to execute transaction <txid>: error sending: timeout expired while executing transaction};
 *   <li>{@code failed to execute transaction <txid>: could not launch chaincode <packageId>: timeout expired while
 *       starting chaincode <packageId> for transaction};
 *   <li>{@code transaction returned with failure: <text>} (the shim answered ERROR, e.g. an exception outside the
 *       Contract API).
 * </ul>
 */
public final class ChaincodeExecutionException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message Fabric's error text
     */
    public ChaincodeExecutionException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message Fabric's error text
     * @param cause the underlying failure
     */
    public ChaincodeExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
