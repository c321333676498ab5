package org.biotdm.devnet.chaincode;

/**
 * Signals that a transaction simulator refused an operation, with the text a Fabric peer's simulator gives (for
 * example a write after a paginated query, or a rich query on LevelDB).
 */
final class SimulationException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message Fabric's error text
     */
    public SimulationException(String message) {
        super(message);
    }
}
