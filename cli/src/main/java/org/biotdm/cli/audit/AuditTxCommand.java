package org.biotdm.cli.audit;

import java.util.concurrent.Callable;
import org.biotdm.cli.Console;
import org.biotdm.cli.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code biotdm audit tx TXID}: a transaction and its block as the auditor's peer's {@code qscc} returns them:
 * validation code, block number and header hash, the submitting organisation and the endorsers' organisations, and
 * the checks of the block ({@link TransactionEvidence}). Prints {@code TX <txId> validation=<code> block=<n>
 * blockHash=<hex> creator=<MSP> endorsers=<MSP,…> chain=<OK|BROKEN>}, with a line per broken check before it. Exit
 * status 1 when the transaction is not VALID or a check failed.
 */
@Command(
        name = "tx",
        mixinStandardHelpOptions = true,
        description = "Shows a transaction, its block and its endorsers from your peer (qscc) and checks the block.")
final class AuditTxCommand implements Callable<Integer> {
    @Mixin
    PeerOptions peer = new PeerOptions();

    @Parameters(paramLabel = "TXID", description = "The transaction ID, for example an anchor's tx.")
    String txId;

    @Mixin
    Console console = new Console();

    @Override
    public Integer call() {
        try (AuditPeer ledger = AuditPeer.connect(peer.settings())) {
            TransactionEvidence evidence = TransactionEvidence.read(ledger, txId);
            evidence.problems().forEach(problem -> console.out().println("BROKEN " + problem));
            console.result("TX " + evidence.txId() + " validation=" + evidence.validationCode() + " block="
                    + evidence.blockNumber() + " blockHash=" + evidence.blockHash() + " creator="
                    + evidence.creatorMsp() + " endorsers=" + String.join(",", evidence.endorserMsps()) + " chain="
                    + (evidence.problems().isEmpty() ? "OK" : "BROKEN"));
            return evidence.trustworthy() ? 0 : AuditCommand.MISMATCH;
        } catch (StackException | AuditPeer.LedgerQueryException e) {
            console.err().println(e.getMessage());
            return AuditCommand.UNAVAILABLE;
        }
    }
}
