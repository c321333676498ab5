package org.biotdm.devnet.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.protos.common.MSPPrincipal;
import org.hyperledger.fabric.protos.common.MSPRole;
import org.hyperledger.fabric.protos.common.OrganizationUnit;
import org.hyperledger.fabric.protos.common.SignaturePolicy;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Reads and writes Fabric's signature-policy language, for example {@code OR('Org1MSP.peer', AND('Org2MSP.member',
 * 'Org3MSP.admin'))} or {@code OutOf(2, 'Org1MSP.peer', 'Org2MSP.peer', 'Org3MSP.peer')}, as {@code peer lifecycle
 * chaincode approveformyorg --signature-policy} and {@code configtx.yaml} use it.
 *
 * <p>{@link #parse(String)} produces the same envelope as {@code policydsl.FromString} in Fabric's {@code
 * common/policydsl/policyparser.go}:
 *
 * <ul>
 *   <li>gates are {@code And}/{@code and}/{@code AND}, {@code Or}/{@code or}/{@code OR} and {@code OutOf}/{@code
 *       outof}/{@code OUTOF} (only these spellings); each takes at least one argument;
 *   <li>a principal is {@code 'MSPID.role'} in single or double quotes, MSPID made of ASCII letters, digits, {@code .}
 *       and {@code -}, role one of {@code admin}, {@code member}, {@code client}, {@code peer}, {@code orderer}
 *       (lower case);
 *   <li>{@code OutOf(t, ...)} with {@code n} arguments requires {@code 0 <= t <= n + 1} ({@code n + 1} makes a
 *       policy nobody satisfies); {@code t} is an integer, optionally quoted as Fabric also accepts;
 *   <li>every principal occurrence gets its own entry in {@code identities}, <em>without</em> deduplication, numbered
 *       as Fabric's evaluator visits them: inside a gate, the principals of nested gates first (left to right), then
 *       the gate's own principals (left to right). So {@code OR('A.member', AND('B.member', 'C.member'))} lists B, C,
 *       A and its rule is {@code n_out_of(1, [signed_by(2), n_out_of(2, [signed_by(0), signed_by(1)])])};
 *   <li>{@code version} is 0.
 * </ul>
 *
 * <p>Not accepted although Fabric's expression engine tolerates them: fractional thresholds, escape sequences inside
 * quotes, and expression operators.
 */
final class PolicyDsl {

    private static final Pattern PRINCIPAL = Pattern.compile("([A-Za-z0-9.-]+)\\.(admin|member|client|peer|orderer)");

    private PolicyDsl() {}

    /**
     * Parses a signature policy.
     *
     * @param policy the policy text
     * @return the envelope, identical to what Fabric's {@code policydsl.FromString} returns
     * @throws IllegalArgumentException when the text is malformed; the message gives the 0-based character position
     */
    public static SignaturePolicyEnvelope parse(String policy) {
        Objects.requireNonNull(policy, "policy");
        Gate root = new Parser(policy).document();
        List<MSPPrincipal> identities = new ArrayList<>();
        SignaturePolicy rule = compile(root, identities);
        return SignaturePolicyEnvelope.newBuilder()
                .setVersion(0)
                .setRule(rule)
                .addAllIdentities(identities)
                .build();
    }

    /**
     * Writes an envelope as policy text, for logs and documentation. A gate whose threshold is 1 is written {@code
     * OR}, one whose threshold equals its number of rules {@code AND}, any other {@code OutOf}. The text parses back
     * to an equal envelope when the envelope came from {@link #parse(String)}; envelopes that share one identity
     * between several {@code signed_by}s parse back to an equivalent policy. Principals the language cannot express
     * are written descriptively, for example {@code IDENTITY('Org1MSP')}, and do not parse.
     *
     * @param envelope the policy
     * @return the policy text, for example {@code OR('Org1MSP.peer', 'Org2MSP.peer')}
     */
    public static String format(SignaturePolicyEnvelope envelope) {
        StringBuilder text = new StringBuilder();
        formatRule(envelope.getRule(), envelope.getIdentitiesList(), text);
        return text.toString();
    }

    private static SignaturePolicy compile(Gate gate, List<MSPPrincipal> identities) {
        SignaturePolicy[] rules = new SignaturePolicy[gate.items().size()];
        // Fabric's second pass evaluates nested gates (as call arguments) before the enclosing gate numbers its own
        // principals, so numbering is post-order.
        for (int i = 0; i < rules.length; i++) {
            if (gate.items().get(i) instanceof Gate nested) {
                rules[i] = compile(nested, identities);
            }
        }
        for (int i = 0; i < rules.length; i++) {
            if (gate.items().get(i) instanceof Principal principal) {
                identities.add(MSPPrincipal.newBuilder()
                        .setPrincipalClassification(MSPPrincipal.Classification.ROLE)
                        .setPrincipal(MSPRole.newBuilder()
                                .setMspIdentifier(principal.mspId())
                                .setRole(principal.role())
                                .build()
                                .toByteString())
                        .build());
                rules[i] = SignaturePolicy.newBuilder()
                        .setSignedBy(identities.size() - 1)
                        .build();
            }
        }
        return SignaturePolicy.newBuilder()
                .setNOutOf(SignaturePolicy.NOutOf.newBuilder()
                        .setN(gate.threshold())
                        .addAllRules(List.of(rules)))
                .build();
    }

    private static void formatRule(SignaturePolicy rule, List<MSPPrincipal> identities, StringBuilder text) {
        switch (rule.getTypeCase()) {
            case SIGNED_BY -> {
                int index = rule.getSignedBy();
                if (index >= 0 && index < identities.size()) {
                    formatPrincipal(identities.get(index), text);
                } else {
                    text.append("<missing identity ").append(index).append('>');
                }
            }
            case N_OUT_OF -> {
                int n = rule.getNOutOf().getN();
                List<SignaturePolicy> rules = rule.getNOutOf().getRulesList();
                if (n == 1 && !rules.isEmpty()) {
                    text.append("OR(");
                } else if (n == rules.size() && n > 0) {
                    text.append("AND(");
                } else {
                    text.append("OutOf(").append(n).append(rules.isEmpty() ? "" : ", ");
                }
                for (int i = 0; i < rules.size(); i++) {
                    text.append(i == 0 ? "" : ", ");
                    formatRule(rules.get(i), identities, text);
                }
                text.append(')');
            }
            default -> text.append("<empty rule>");
        }
    }

    private static void formatPrincipal(MSPPrincipal principal, StringBuilder text) {
        try {
            switch (principal.getPrincipalClassification()) {
                case ROLE -> {
                    MSPRole role = MSPRole.parseFrom(principal.getPrincipal());
                    String roleName = role.getRole() == MSPRole.MSPRoleType.UNRECOGNIZED
                            ? "role" + role.getRoleValue()
                            : role.getRole().name().toLowerCase(Locale.ROOT);
                    text.append('\'')
                            .append(role.getMspIdentifier())
                            .append('.')
                            .append(roleName)
                            .append('\'');
                }
                case ORGANIZATION_UNIT -> {
                    OrganizationUnit unit = OrganizationUnit.parseFrom(principal.getPrincipal());
                    text.append("ORGANIZATION_UNIT('")
                            .append(unit.getMspIdentifier())
                            .append('.')
                            .append(unit.getOrganizationalUnitIdentifier())
                            .append("')");
                }
                case IDENTITY -> text.append("IDENTITY('")
                        .append(SerializedIdentity.parseFrom(principal.getPrincipal())
                                .getMspid())
                        .append("')");
                default -> text.append(principal.getPrincipalClassification()).append("(...)");
            }
        } catch (InvalidProtocolBufferException e) {
            text.append("<unparseable ")
                    .append(principal.getPrincipalClassification())
                    .append('>');
        }
    }

    /** A node of the parsed policy: a gate or a principal. */
    private sealed interface Item permits Gate, Principal {}

    private record Gate(int threshold, List<Item> items) implements Item {}

    private record Principal(String mspId, MSPRole.MSPRoleType role) implements Item {}

    /** A recursive-descent parser over the policy text; positions in messages are 0-based character offsets. */
    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Gate document() {
            skipWhitespace();
            if (pos == text.length()) {
                throw error("empty policy: expected AND, OR or OutOf");
            }
            Gate gate = gate();
            skipWhitespace();
            if (pos != text.length()) {
                throw error("unexpected '" + text.charAt(pos) + "' after the end of the policy");
            }
            return gate;
        }

        private Gate gate() {
            int start = pos;
            while (pos < text.length() && isAsciiLetter(text.charAt(pos))) {
                pos++;
            }
            String keyword = text.substring(start, pos);
            if (keyword.isEmpty()) {
                throw error("expected AND, OR, OutOf or a quoted principal such as 'Org1MSP.peer'");
            }
            GateKind kind = GateKind.of(keyword);
            if (kind == null) {
                pos = start;
                throw error("unknown gate '" + keyword + "': expected And/and/AND, Or/or/OR or OutOf/outof/OUTOF");
            }
            skipWhitespace();
            expect('(');
            int threshold = 0;
            if (kind == GateKind.OUT_OF) {
                skipWhitespace();
                threshold = threshold();
                skipWhitespace();
                expect(',');
            }
            List<Item> items = arguments(keyword);
            if (kind == GateKind.AND) {
                threshold = items.size();
            } else if (kind == GateKind.OR) {
                threshold = 1;
            } else if (threshold < 0 || threshold > items.size() + 1) {
                pos = start;
                throw error("invalid t-out-of-n predicate, t " + threshold + ", n " + items.size());
            }
            return new Gate(threshold, List.copyOf(items));
        }

        private List<Item> arguments(String keyword) {
            List<Item> items = new ArrayList<>();
            while (true) {
                skipWhitespace();
                if (pos < text.length() && text.charAt(pos) == ')' && items.isEmpty()) {
                    throw error(keyword + " needs at least one principal or nested gate");
                }
                items.add(item());
                skipWhitespace();
                if (pos < text.length() && text.charAt(pos) == ')') {
                    pos++;
                    return items;
                }
                if (pos >= text.length()) {
                    throw error("expected ',' or ')' but the policy ended");
                }
                if (text.charAt(pos) != ',') {
                    throw error("expected ',' or ')' but found '" + text.charAt(pos) + "'");
                }
                pos++;
            }
        }

        private Item item() {
            if (pos < text.length() && isQuote(text.charAt(pos))) {
                int start = pos;
                String content = quoted();
                Matcher matcher = PRINCIPAL.matcher(content);
                if (!matcher.matches()) {
                    pos = start;
                    throw error("invalid principal '" + content
                            + "': expected 'MSPID.role' with role admin, member, client, peer or orderer");
                }
                return new Principal(
                        matcher.group(1),
                        MSPRole.MSPRoleType.valueOf(matcher.group(2).toUpperCase(Locale.ROOT)));
            }
            return gate();
        }

        private int threshold() {
            int start = pos;
            String digits = pos < text.length() && isQuote(text.charAt(pos)) ? quoted().strip() : number();
            try {
                return Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("expected an integer threshold as the first argument of OutOf", e);
            }
        }

        private String number() {
            int start = pos;
            if (pos < text.length() && text.charAt(pos) == '-') {
                pos++;
            }
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            return text.substring(start, pos);
        }

        private String quoted() {
            char quote = text.charAt(pos);
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String content = text.substring(pos + 1, end);
            if (content.indexOf('\\') >= 0) {
                throw error("escape sequences are not supported in principals");
            }
            pos = end + 1;
            return content;
        }

        private void expect(char expected) {
            if (pos >= text.length()) {
                throw error("expected '" + expected + "' but the policy ended");
            }
            if (text.charAt(pos) != expected) {
                throw error("expected '" + expected + "' but found '" + text.charAt(pos) + "'");
            }
            pos++;
        }

        private void skipWhitespace() {
            while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return error(message, null);
        }

        private IllegalArgumentException error(String message, Throwable cause) {
            return new IllegalArgumentException(
                    "invalid signature policy at position " + pos + ": " + message + " in \"" + text + "\"", cause);
        }

        private static boolean isQuote(char c) {
            return c == '\'' || c == '"';
        }

        private static boolean isAsciiLetter(char c) {
            return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
        }
    }

    private enum GateKind {
        AND,
        OR,
        OUT_OF;

        static GateKind of(String keyword) {
            return switch (keyword) {
                case "And", "and", "AND" -> AND;
                case "Or", "or", "OR" -> OR;
                case "OutOf", "outof", "OUTOF" -> OUT_OF;
                default -> null;
            };
        }
    }
}
