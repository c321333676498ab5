package org.biotdm.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.biotdm.chaincode.testing.Endorsement;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.WriteTransactions;
import org.biotdm.chaincode.testing.WriteTransactions.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every write transaction twice on identical state with the same proposal, as two endorsers would, and
 * compares response, write set, metadata writes and event byte for byte.
 */
class DeterminismTest {
    static Stream<Case> transactions() {
        return WriteTransactions.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transactions")
    void two_endorsements_write_identical_bytes(final Case transaction) {
        final Fleet fleet = transaction.prepare();
        final Identity who = transaction.allowed().stream()
                .sorted((a, b) -> a.toString().compareTo(b.toString()))
                .findFirst()
                .orElseThrow();

        final List<Endorsement> endorsements = transaction.endorseTwice(fleet, who);

        assertThat(endorsements.get(0).writeCount()).isPositive();
        assertThat(endorsements.get(0)).isEqualTo(endorsements.get(1));
    }
}
