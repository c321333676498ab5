package org.biotdm.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.biotdm.chaincode.support.ErrorCode;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Asserts that a transaction failed with a given code, in the message and the payload, and wrote nothing.
 */
public final class ChaincodeErrors {
    private ChaincodeErrors() {}

    public static ChaincodeException assertFails(
            final World world, final ErrorCode code, final ThrowingCallable transaction) {
        final ChaincodeException error = catchThrowableOfType(ChaincodeException.class, transaction);
        assertThat(error).as("expected %s", code).isNotNull();
        assertThat(error.getMessage()).startsWith("[" + code.name() + "] ");
        assertThat(new String(error.getPayload(), UTF_8)).isEqualTo(code.name());
        assertThat(world.stub().writes())
                .as("write set of a failed transaction")
                .isEmpty();
        assertThat(world.stub().metadataWrites()).isEmpty();
        assertThat(world.stub().events()).isEmpty();
        return error;
    }
}
