package org.biotdm.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.biotdm.chaincode.testing.ChaincodeErrors.assertFails;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.biotdm.chaincode.anchor.AnchorContract;
import org.biotdm.chaincode.automation.RuleContract;
import org.biotdm.chaincode.command.CommandContract;
import org.biotdm.chaincode.configuration.ConfigurationContract;
import org.biotdm.chaincode.device.DeviceContract;
import org.biotdm.chaincode.firmware.FirmwareContract;
import org.biotdm.chaincode.grant.GrantContract;
import org.biotdm.chaincode.group.GroupContract;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.testing.Fleet;
import org.biotdm.chaincode.testing.Identity;
import org.biotdm.chaincode.testing.WriteTransactions;
import org.biotdm.chaincode.testing.WriteTransactions.Case;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Role matrix: admin, operator, auditor, gateway and automation identity of the owner organisation (Org1), an admin of another
 * organisation (Org2) and an identity of an unknown MSP without a role, against every write transaction.
 */
class RoleMatrixTest {
    static Stream<Arguments> cells() {
        return WriteTransactions.all().stream()
                .flatMap(c -> WriteTransactions.MATRIX_IDENTITIES.stream().map(who -> Arguments.of(c, who)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void allows_exactly_the_expected_callers(final Case transaction, final Identity who) {
        final Fleet fleet = transaction.prepare();
        if (transaction.allowed().contains(who)) {
            assertThat(transaction.submit(fleet, who)).startsWith("{");
            assertThat(fleet.world.stub().events()).hasSize(1);
        } else {
            assertFails(fleet.world, ErrorCode.ACCESS_DENIED, () -> transaction.submit(fleet, who));
        }
    }

    @Test
    void auditors_write_nothing() {
        assertThat(WriteTransactions.all())
                .allSatisfy(c -> assertThat(c.allowed()).doesNotContain(Identity.ORG1_AUDITOR));
    }

    @Test
    void covers_every_submit_transaction() {
        final List<String> submits = Stream.of(
                        DeviceContract.class,
                        GrantContract.class,
                        CommandContract.class,
                        AnchorContract.class,
                        FirmwareContract.class,
                        GroupContract.class,
                        RuleContract.class,
                        ConfigurationContract.class)
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .map(method -> method.getAnnotation(Transaction.class))
                .filter(tx -> tx != null && tx.intent() == Transaction.TYPE.SUBMIT)
                .map(Transaction::name)
                .sorted()
                .collect(Collectors.toList());

        assertThat(WriteTransactions.all().stream().map(Case::name).sorted()).containsExactlyElementsOf(submits);
        assertThat(submits).hasSize(32);
    }
}
