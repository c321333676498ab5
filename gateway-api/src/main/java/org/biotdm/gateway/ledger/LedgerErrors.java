package org.biotdm.gateway.ledger;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biotdm.gateway.error.ChaincodeErrors;
import org.biotdm.gateway.error.ErrorCode;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Translates the fabric-gateway client's failures into {@link LedgerException}s; the one place where that happens.
 *
 * <p>How Fabric reports failures (fabric-gateway 1.10 and the peer's gateway, {@code internal/pkg/gateway/apiutils.go}):
 * a chaincode that throws {@code ChaincodeException("[CODE] text")} reaches the client as an {@code ErrorDetail} whose
 * message is {@code "chaincode response 500, [CODE] text"}, inside a {@link GatewayException} (evaluate, status {@code
 * UNKNOWN}) or an {@code EndorseException} (status {@code ABORTED}). Rules, in order:
 *
 * <ol>
 *   <li>a chaincode response with a {@code [CODE]} prefix → {@link LedgerException.Kind#CONTRACT} with the catalogue
 *       entry {@link ChaincodeErrors} maps that code to and the text after it ({@code LEDGER_CHAINCODE_ERROR}, with
 *       the code kept in the text, for a code the table lacks);
 *   <li>a chaincode response without a code (an unexpected exception in the chaincode, an unknown transaction) →
 *       {@code CONTRACT} with {@code LEDGER_CHAINCODE_ERROR};
 *   <li>a {@link CommitStatusException}, or a {@link SubmitException} with {@code DEADLINE_EXCEEDED} (the orderer may
 *       have taken the transaction) → {@link LedgerException.Kind#UNKNOWN_OUTCOME} with {@code
 *       LEDGER_UNKNOWN_OUTCOME};
 *   <li>{@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, {@code RESOURCE_EXHAUSTED}, {@code CANCELLED}, and {@code
 *       ABORTED} on endorsement or evaluation (a peer-side failure such as a chaincode that is not running) → {@link
 *       LedgerException.Kind#UNAVAILABLE} with {@code LEDGER_UNAVAILABLE};
 *   <li>anything else (access denied by the peer, malformed request, orderer refusal) → {@code CONTRACT} with {@code
 *       LEDGER_REJECTED}.
 * </ol>
 *
 * A transaction invalidated at commit becomes {@code CONTRACT} with {@code LEDGER_TRANSACTION_INVALID} and the {@link
 * TxValidationCode} name (for example {@code ENDORSEMENT_POLICY_FAILURE}) in its text; read conflicts are retried by
 * {@link LedgerClient} and end as {@link LedgerException.Kind#CONFLICT} with {@code LEDGER_CONFLICT}.
 */
public final class LedgerErrors {
    private static final Pattern CHAINCODE_RESPONSE =
            Pattern.compile("chaincode response (\\d+), ?(.*)", Pattern.DOTALL);
    private static final Pattern CODED = Pattern.compile("^\\[([A-Z][A-Z0-9_]{0,63})\\]\\s*(.*)$", Pattern.DOTALL);

    private LedgerErrors() {}

    /**
     * Translates a failed Evaluate, Endorse, Submit or CommitStatus call.
     *
     * @param e the client's exception ({@code GatewayException} or one of its subclasses)
     * @param transactionId the transaction ID, or null for an evaluation
     * @return the translated failure, with {@code e} as its cause
     */
    public static LedgerException translate(GatewayException e, String transactionId) {
        return translate(e, e.getStatus(), e.getDetails(), transactionId);
    }

    /**
     * Translates a failure of a chaincode event stream.
     *
     * @param e the client's exception
     * @return the translated failure
     */
    public static LedgerException translate(GatewayRuntimeException e) {
        return translate(e, e.getStatus(), e.getDetails(), null);
    }

    /**
     * Describes a transaction that the peer's committer invalidated with a code other than a read conflict.
     *
     * @param transactionId the transaction ID
     * @param code the validation code
     * @param blockNumber the block that holds the invalid transaction
     * @return a {@code CONTRACT} failure with {@code LEDGER_TRANSACTION_INVALID}, naming the validation code
     */
    public static LedgerException invalidated(String transactionId, TxValidationCode code, long blockNumber) {
        return new LedgerException(
                LedgerException.Kind.CONTRACT,
                ErrorCode.LEDGER_TRANSACTION_INVALID,
                "Transaction " + transactionId + " was invalidated at commit in block " + blockNumber + " with "
                        + code.name(),
                transactionId,
                null);
    }

    /**
     * Describes a transaction that lost read conflicts on every attempt.
     *
     * @param transactionId the last attempt's transaction ID
     * @param code the last attempt's validation code
     * @param attempts how many transactions were tried
     * @return a {@code CONFLICT} failure with {@code LEDGER_CONFLICT}
     */
    public static LedgerException conflict(String transactionId, TxValidationCode code, int attempts) {
        return new LedgerException(
                LedgerException.Kind.CONFLICT,
                ErrorCode.LEDGER_CONFLICT,
                "The transaction failed with " + code.name() + " on all " + attempts
                        + " attempts; concurrent changes kept invalidating it",
                transactionId,
                null);
    }

    /**
     * Tells whether a validation code is a read conflict that a new transaction may overcome.
     *
     * @param code the validation code
     * @return true for {@code MVCC_READ_CONFLICT} and {@code PHANTOM_READ_CONFLICT}
     */
    public static boolean isReadConflict(TxValidationCode code) {
        return code == TxValidationCode.MVCC_READ_CONFLICT || code == TxValidationCode.PHANTOM_READ_CONFLICT;
    }

    static LedgerException notConfigured(String keys) {
        return new LedgerException(
                LedgerException.Kind.UNAVAILABLE,
                ErrorCode.LEDGER_UNAVAILABLE,
                "The ledger connection is not configured: set " + keys,
                null,
                null);
    }

    private static LedgerException translate(
            Exception e, Status status, List<ErrorDetail> details, String transactionId) {
        LedgerException contract = chaincodeError(e, status, details, transactionId);
        if (contract != null) {
            return contract;
        }
        Status.Code code = status.getCode();
        String reason = describe(status, details);
        if (e instanceof CommitStatusException
                || e instanceof SubmitException && code == Status.Code.DEADLINE_EXCEEDED) {
            return new LedgerException(
                    LedgerException.Kind.UNKNOWN_OUTCOME,
                    ErrorCode.LEDGER_UNKNOWN_OUTCOME,
                    "The outcome of transaction " + transactionId + " is unknown: " + reason,
                    transactionId,
                    e);
        }
        if (isUnavailable(code, e)) {
            return new LedgerException(
                    LedgerException.Kind.UNAVAILABLE,
                    ErrorCode.LEDGER_UNAVAILABLE,
                    "The ledger is unavailable: " + reason,
                    transactionId,
                    e);
        }
        return new LedgerException(
                LedgerException.Kind.CONTRACT,
                ErrorCode.LEDGER_REJECTED,
                "The ledger refused the request: " + reason,
                transactionId,
                e);
    }

    private static boolean isUnavailable(Status.Code code, Exception e) {
        return switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, CANCELLED -> true;
            case ABORTED -> !(e instanceof SubmitException);
            default -> false;
        };
    }

    private static LedgerException chaincodeError(
            Exception e, Status status, List<ErrorDetail> details, String transactionId) {
        List<String> texts = new ArrayList<>(details.size() + 1);
        details.forEach(d -> texts.add(d.getMessage()));
        if (status.getDescription() != null) {
            texts.add(status.getDescription());
        }
        String uncoded = null;
        for (String text : texts) {
            Matcher response = CHAINCODE_RESPONSE.matcher(text);
            String body = response.find() ? response.group(2) : text;
            Matcher coded = CODED.matcher(body.strip());
            if (coded.matches()) {
                return contract(coded.group(1), coded.group(2).strip(), transactionId, e);
            }
            if (uncoded == null && response.find(0)) {
                uncoded = "The chaincode failed: chaincode response " + response.group(1) + ", " + body;
            }
        }
        return uncoded == null
                ? null
                : new LedgerException(
                        LedgerException.Kind.CONTRACT, ErrorCode.LEDGER_CHAINCODE_ERROR, uncoded, transactionId, e);
    }

    /**
     * Translates the refusal of one item of a committed batch transaction (RegisterDevices, ClaimDevices), whose
     * message has the single transaction's form {@code [CODE] text}.
     *
     * @param chaincodeCode the item's {@code code}
     * @param message the item's {@code message}
     * @param transactionId the batch's transaction ID
     * @return a {@code CONTRACT} failure with the code the single transaction's refusal maps to
     */
    public static LedgerException itemRefused(String chaincodeCode, String message, String transactionId) {
        Matcher coded = CODED.matcher(message == null ? "" : message.strip());
        return contract(chaincodeCode, coded.matches() ? coded.group(2).strip() : chaincodeCode, transactionId, null);
    }

    /** Maps a chaincode's code; an unknown one keeps its name in the text, as the fallback entry hides it. */
    private static LedgerException contract(String chaincodeCode, String text, String transactionId, Exception e) {
        ErrorCode code = ChaincodeErrors.map(chaincodeCode);
        boolean known = ChaincodeErrors.find(chaincodeCode).isPresent();
        return new LedgerException(
                LedgerException.Kind.CONTRACT,
                code,
                known ? text : "The chaincode failed with " + chaincodeCode + ": " + text,
                transactionId,
                e);
    }

    private static String describe(Status status, List<ErrorDetail> details) {
        StringBuilder text = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            text.append(' ').append(status.getDescription());
        }
        for (ErrorDetail detail : details) {
            text.append("; ")
                    .append(detail.getMspId())
                    .append(" at ")
                    .append(detail.getAddress())
                    .append(": ")
                    .append(detail.getMessage());
        }
        return text.toString();
    }
}
