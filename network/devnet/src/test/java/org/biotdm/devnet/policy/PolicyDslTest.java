package org.biotdm.devnet.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.MSPRole.MSPRoleType;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyDslTest {

    static MSPPrincipal role(String mspId, MSPRoleType role) {
        return MSPPrincipal.newBuilder()
                .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                .setPrincipal(MSPRole.newBuilder()
                        .setMspIdentifier(mspId)
                        .setRole(role)
                        .build()
                        .toByteString())
                .build();
    }

    static SignaturePolicy signedBy(int index) {
        return SignaturePolicy.newBuilder().setSignedBy(index).build();
    }

    static SignaturePolicy outOf(int n, SignaturePolicy... rules) {
        return SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder().setN(n).addAllRules(List.of(rules)))
                .build();
    }

    static SignaturePolicyEnvelope envelope(SignaturePolicy rule, MSPPrincipal... identities) {
        return SignaturePolicyEnvelope.newBuilder()
                .setVersion(0)
                .setRule(rule)
                .addAllIdentities(List.of(identities))
                .build();
    }

    @Nested
    class Parse {

        @Test
        void parses_or_of_peers_into_one_of_n() {
            assertThat(PolicyDsl.parse("OR('Org1MSP.peer','Org2MSP.peer')"))
                    .isEqualTo(envelope(
                            outOf(1, signedBy(0), signedBy(1)),
                            role("Org1MSP", MSPRoleType.PEER),
                            role("Org2MSP", MSPRoleType.PEER)));
        }

        @Test
        void parses_and_into_n_of_n() {
            assertThat(PolicyDsl.parse("AND('A.client', 'B.peer')"))
                    .isEqualTo(envelope(
                            outOf(2, signedBy(0), signedBy(1)),
                            role("A", MSPRoleType.CLIENT),
                            role("B", MSPRoleType.PEER)));
        }

        @Test
        void parses_out_of_with_its_threshold() {
            assertThat(PolicyDsl.parse("OutOf(2, 'A.member', 'B.admin', 'C.orderer')"))
                    .isEqualTo(envelope(
                            outOf(2, signedBy(0), signedBy(1), signedBy(2)),
                            role("A", MSPRoleType.MEMBER),
                            role("B", MSPRoleType.ADMIN),
                            role("C", MSPRoleType.ORDERER)));
        }

        @Test
        void numbers_nested_principals_before_the_enclosing_gates_own_like_fabric() {
            // Fabric's policyparser_test.go TestComplex1.
            assertThat(PolicyDsl.parse("OR('A.member', AND('B.member', 'C.member'))"))
                    .isEqualTo(envelope(
                            outOf(1, signedBy(2), outOf(2, signedBy(0), signedBy(1))),
                            role("B", MSPRoleType.MEMBER),
                            role("C", MSPRoleType.MEMBER),
                            role("A", MSPRoleType.MEMBER)));
        }

        @Test
        void numbers_sibling_gates_left_to_right_before_own_principals() {
            assertThat(PolicyDsl.parse("OutOf(1, 'A.peer', AND('B.peer'), 'C.peer', OR('D.peer'))"))
                    .isEqualTo(envelope(
                            outOf(1, signedBy(2), outOf(1, signedBy(0)), signedBy(3), outOf(1, signedBy(1))),
                            role("B", MSPRoleType.PEER),
                            role("D", MSPRoleType.PEER),
                            role("A", MSPRoleType.PEER),
                            role("C", MSPRoleType.PEER)));
        }

        @Test
        void keeps_one_identity_per_principal_occurrence_like_fabric() {
            assertThat(PolicyDsl.parse("AND('Org1MSP.member', 'Org1MSP.member')"))
                    .isEqualTo(envelope(
                            outOf(2, signedBy(0), signedBy(1)),
                            role("Org1MSP", MSPRoleType.MEMBER),
                            role("Org1MSP", MSPRoleType.MEMBER)));
        }

        @Test
        void accepts_double_quotes_whitespace_and_newlines() {
            assertThat(PolicyDsl.parse(" \n\tOR (\r\n \"A.peer\" ,\t'B.peer' ) \n"))
                    .isEqualTo(PolicyDsl.parse("OR('A.peer','B.peer')"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"And", "and", "AND"})
        void accepts_the_three_spellings_fabric_registers_for_and(String keyword) {
            assertThat(PolicyDsl.parse(keyword + "('A.peer', 'B.peer')").getRule())
                    .isEqualTo(outOf(2, signedBy(0), signedBy(1)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"OutOf", "outof", "OUTOF"})
        void accepts_the_three_spellings_fabric_registers_for_out_of(String keyword) {
            assertThat(PolicyDsl.parse(keyword + "(1, 'A.peer')").getRule()).isEqualTo(outOf(1, signedBy(0)));
        }

        @Test
        void accepts_a_quoted_threshold_like_fabric() {
            assertThat(PolicyDsl.parse("OutOf('1', 'A.member', 'B.member')"))
                    .isEqualTo(PolicyDsl.parse("OutOf(1, 'A.member', 'B.member')"));
        }

        @Test
        void accepts_msp_ids_with_dots_and_dashes_taking_the_last_segment_as_role() {
            assertThat(PolicyDsl.parse("OR('MSP.WITH.DOTS.member', 'MSP-WITH-DASHES.peer')"))
                    .isEqualTo(envelope(
                            outOf(1, signedBy(0), signedBy(1)),
                            role("MSP.WITH.DOTS", MSPRoleType.MEMBER),
                            role("MSP-WITH-DASHES", MSPRoleType.PEER)));
        }

        @Test
        void accepts_thresholds_zero_and_n_plus_one_like_fabric() {
            assertThat(PolicyDsl.parse("OutOf(0, 'A.member', 'B.member')").getRule())
                    .isEqualTo(outOf(0, signedBy(0), signedBy(1)));
            assertThat(PolicyDsl.parse("OutOf(3, 'A.member', 'B.member')").getRule())
                    .isEqualTo(outOf(3, signedBy(0), signedBy(1)));
        }

        @Test
        void sets_version_zero_so_it_serializes_without_a_version_field() {
            SignaturePolicyEnvelope parsed = PolicyDsl.parse("OR('A.peer')");
            assertThat(parsed.getVersion()).isZero();
            assertThat(parsed.toByteArray()[0]).isNotEqualTo((byte) 0x08);
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "''|position 0: empty policy",
                    "'   '|position 3: empty policy",
                    "'OR(''A.peer'') x'|position 13: unexpected 'x' after the end",
                    "'XOR(''A.peer'')'|position 0: unknown gate 'XOR'",
                    "'aNd(''A.peer'')'|position 0: unknown gate 'aNd'",
                    "'OR(''A.peer'''|position 11: expected ',' or ')' but the policy ended",
                    "'OR(''A.peer'' ''B.peer'')'|position 12: expected ',' or ')' but found '''",
                    "'OR()'|position 3: OR needs at least one principal or nested gate",
                    "'OR(''A.peer'', )'|position 13: expected AND, OR, OutOf or a quoted principal",
                    "'OR(''A.Peer'')'|position 3: invalid principal 'A.Peer'",
                    "'OR(''A_1.peer'')'|position 3: invalid principal 'A_1.peer'",
                    "'OR(''Apeer'')'|position 3: invalid principal 'Apeer'",
                    "'OR(''A.peer)'|position 3: unterminated string",
                    "'OR(\"A.peer'')'|position 3: unterminated string",
                    "'OR(''A\\.peer'')'|position 3: escape sequences are not supported",
                    "'''A.peer'''|position 0: expected AND, OR, OutOf or a quoted principal",
                    "'OutOf(1)'|position 7: expected ',' but found ')'",
                    "'OutOf(x, ''A.peer'')'|position 6: expected an integer threshold",
                    "'OutOf(1.5, ''A.peer'')'|position 7: expected ',' but found '.'",
                    "'OutOf(-1, ''A.member'', ''B.member'')'|position 0: invalid t-out-of-n predicate, t -1, n 2",
                    "'OR(''A.peer'', OutOf(4, ''A.member'', ''B.member''))'|"
                            + "position 13: invalid t-out-of-n predicate, t 4, n 2",
                })
        void rejects_malformed_policies_with_the_position(String policy, String message) {
            assertThatThrownBy(() -> PolicyDsl.parse(policy))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message)
                    .hasMessageContaining(policy);
        }
    }

    @Nested
    class Format {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "OR('Org1MSP.peer', 'Org2MSP.peer')",
                    "AND('Org1MSP.member', 'Org1MSP.member')",
                    "OutOf(2, 'A.peer', 'B.client', 'C.admin')",
                    "OR('A.member', AND('B.member', 'C.orderer'))",
                    "OutOf(0, 'A.peer', AND(OR('B.peer', 'C.peer'), 'D.peer'))",
                    "OutOf(3, 'A.member', 'B.member')",
                })
        void round_trips_its_own_output(String policy) {
            SignaturePolicyEnvelope parsed = PolicyDsl.parse(policy);
            assertThat(PolicyDsl.format(parsed)).isEqualTo(policy);
            assertThat(PolicyDsl.parse(PolicyDsl.format(parsed))).isEqualTo(parsed);
        }

        @Test
        void normalises_spelling_quotes_and_spacing() {
            assertThat(PolicyDsl.format(PolicyDsl.parse("and(\"A.peer\",outof(1,'B.peer'))")))
                    .isEqualTo("AND('A.peer', OR('B.peer'))");
        }

        @Test
        void writes_a_shared_identity_at_each_use() {
            SignaturePolicyEnvelope shared =
                    envelope(outOf(2, signedBy(0), signedBy(0)), role("Org1MSP", MSPRoleType.MEMBER));
            assertThat(PolicyDsl.format(shared)).isEqualTo("AND('Org1MSP.member', 'Org1MSP.member')");
        }

        @Test
        void writes_an_empty_gate_and_a_dangling_index_without_failing() {
            assertThat(PolicyDsl.format(envelope(outOf(0)))).isEqualTo("OutOf(0)");
            assertThat(PolicyDsl.format(envelope(outOf(1, signedBy(3))))).isEqualTo("OR(<missing identity 3>)");
        }
    }
}
