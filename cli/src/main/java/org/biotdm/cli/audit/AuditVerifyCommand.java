package org.biotdm.cli.audit;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.Progress;
import org.biotdm.cli.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm audit verify}: rebuilds the root of every window that starts in a time range from the readings
 * stored in the gateway's database, and compares it with the anchor read from the auditor's own peer (never from the
 * gateway); checks that the anchor's transaction is VALID in a block whose hash chain holds ({@link
 * TransactionEvidence}). Prints per window {@code OK <windowId> …} or {@code MISMATCH <windowId> …} followed by one
 * indented line per problem and named reading, then {@code AUDIT windows=… ok=… mismatched=… readings=…
 * foreign=…} ({@code foreign}: anchors of other organisations' gateways whose windows the source does not hold). The
 * readings come from the gateway's database or, with {@code --gateway}, its auditor API ({@link ReadingSourceOptions});
 * through the API, windows holding readings of devices the auditor may not read are printed as {@code WITHHELD} and
 * counted in {@code withheld=…}, neither OK nor a mismatch. Exit status 1 on any mismatch.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Rebuilds each window's Merkle root from the stored readings and compares it with the root on your peer.",
            "Exit status: 0 every window matches, 1 a mismatch, 2 bad arguments, 3 peer or database unavailable."
        })
final class AuditVerifyCommand implements Callable<Integer> {
    @Mixin
    PeerOptions peer = new PeerOptions();

    @Mixin
    TimeRangeOptions times = new TimeRangeOptions();

    @Mixin
    ReadingSourceOptions source = new ReadingSourceOptions();

    @Option(names = "--all", description = "List every window, also empty ones that match.")
    boolean all;

    @Mixin
    Console console = new Console();

    @Override
    public Integer call() {
        long[] range;
        try {
            range = times.range();
        } catch (IllegalArgumentException e) {
            return console.refuse(e.getMessage());
        }
        PeerOptions.PeerSettings settings = peer.settings();
        try (AuditPeer ledger = AuditPeer.connect(settings)) {
            List<LedgerAnchor> anchors = ledger.anchors(range[0], range[1]);
            Progress reading = Progress.start(console.err(), "Reading " + anchors.size() + " windows' readings");
            StoredTelemetry stored = source.read(peer.stack.dataDir(), settings.mspId(), anchors, range, reading);
            reading.done(stored.readings().size() + " windows held");
            return report(ledger, anchors, stored, settings.mspId()) ? 0 : AuditCommand.MISMATCH;
        } catch (StackException | AuditPeer.LedgerQueryException e) {
            console.err().println(e.getMessage());
            return AuditCommand.UNAVAILABLE;
        } catch (SQLException e) {
            console.err().println("Cannot read the gateway's database: " + e.getMessage());
            return AuditCommand.UNAVAILABLE;
        } catch (IOException e) {
            console.err().println("Cannot read the stored readings: " + e.getMessage());
            return AuditCommand.UNAVAILABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AuditCommand.UNAVAILABLE;
        } catch (ApiClient.ApiError e) {
            console.err().println("The gateway refused the auditor: " + e.getMessage());
            return AuditCommand.UNAVAILABLE;
        }
    }

    /**
     * Checks and prints every anchor of the auditor's organisation and of the gateways whose windows the database
     * holds (so deleting a gateway's window records cannot hide its anchors); true when all of them match.
     */
    private boolean report(AuditPeer ledger, List<LedgerAnchor> anchors, StoredTelemetry stored, String mspId) {
        int ok = 0;
        int mismatched = 0;
        int foreign = 0;
        int withheld = 0;
        long readings = 0;
        Progress progress = Progress.start(console.err(), "Checking " + anchors.size() + " anchors on the peer");
        for (LedgerAnchor anchor : anchors) {
            progress.tick();
            if (!anchor.windowId().startsWith(mspId + "-")
                    && !stored.gatewayPrefixes().contains(anchor.gatewayPrefix())) {
                foreign++;
                continue;
            }
            Integer hidden = stored.withheld().get(anchor.windowId());
            if (hidden != null) {
                withheld++;
                console.out()
                        .println("WITHHELD " + anchor.windowId() + " " + hidden + " readings of devices you may"
                                + " not read: ask an auditor of their organisation");
                continue;
            }
            WindowAudit window = WindowAudit.check(
                    anchor,
                    stored.readings().getOrDefault(anchor.windowId(), List.of()),
                    stored.storedLeaves().getOrDefault(anchor.windowId(), List.of()));
            TransactionEvidence tx = TransactionEvidence.read(ledger, anchor.txId());
            boolean good = window.matches() && tx.trustworthy();
            readings += window.leafCount();
            if (good) {
                ok++;
            } else {
                mismatched++;
            }
            print(window, tx, good);
        }
        progress.done(anchors.size() + " anchors");
        console.result("AUDIT windows=" + (ok + mismatched) + " ok=" + ok + " mismatched=" + mismatched + " readings="
                + readings + " foreign=" + foreign + (source.fromGateway() ? " withheld=" + withheld : ""));
        return mismatched == 0;
    }

    private void print(WindowAudit window, TransactionEvidence tx, boolean good) {
        if (good && window.leafCount() == 0 && !all) {
            return;
        }
        LedgerAnchor anchor = window.anchor();
        console.out()
                .println((good ? "OK " : "MISMATCH ") + anchor.windowId() + " start="
                        + Instant.ofEpochMilli(anchor.startTime()) + " readings=" + window.leafCount() + " root="
                        + anchor.merkleRoot() + " tx=" + anchor.txId() + " " + tx.validationCode() + " block="
                        + tx.blockNumber());
        window.problems().forEach(problem -> console.out().println("  " + problem));
        tx.problems().forEach(problem -> console.out().println("  block: " + problem));
        if (!"VALID".equals(tx.validationCode())) {
            console.out().println("  the anchor's transaction is " + tx.validationCode());
        }
    }
}
