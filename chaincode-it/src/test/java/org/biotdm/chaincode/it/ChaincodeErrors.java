package org.biotdm.chaincode.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * Asserts chaincode errors as the fabric-gateway client reports them: the chaincode's {@code [CODE] …} message
 * reaches an evaluating client in the exception message and an endorsing client in the peers' error details.
 */
final class ChaincodeErrors {
    private ChaincodeErrors() {}

    /** Asserts that endorsing a write transaction fails on the chaincode with the given code. */
    static void assertEndorsementFails(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(EndorseException.class, e -> assertCode(e, code));
    }

    /** Asserts that evaluating a read transaction fails on the chaincode with the given code. */
    static void assertEvaluationFails(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GatewayException.class, e -> assertCode(e, code));
    }

    private static void assertCode(GatewayException e, String code) {
        assertThat(e.getDetails()).isNotEmpty();
        assertThat(e.getDetails()).extracting(ErrorDetail::getMessage).allSatisfy(message -> assertThat(message)
                .contains("chaincode response 500, [" + code + "] "));
        assertThat(text(e)).contains("[" + code + "]");
    }

    /** Returns the exception message and every peer's error detail, as one text. */
    static String text(GatewayException e) {
        return e.getMessage() + " | "
                + e.getDetails().stream()
                        .map(d -> d.getMspId() + ": " + d.getMessage())
                        .collect(Collectors.joining(" | "));
    }
}
