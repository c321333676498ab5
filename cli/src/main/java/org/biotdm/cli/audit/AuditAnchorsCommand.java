package org.biotdm.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.biotdm.cli.Console;
import org.biotdm.cli.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm audit anchors}: lists the anchors whose window starts in a time range, read from the auditor's peer
 * with {@code anchors:ListAnchors} (or one window's with {@code anchors:GetAnchor} and {@code --window}), one line
 * each: {@code <windowId> start=<ISO> end=<ISO> leaves=<n> root=<hex> scheme=<scheme> tx=<txId> by=<MSP>}, then
 * {@code ANCHORS count=<n>}. With {@code --json} each anchor is one JSON object instead (the fields of {@link
 * LedgerAnchor}, as the README's checkers read them) and no count line.
 */
@Command(
        name = "anchors",
        mixinStandardHelpOptions = true,
        description = "Lists the anchors on the ledger, read from your peer (anchors:ListAnchors).")
final class AuditAnchorsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    PeerOptions peer = new PeerOptions();

    @Mixin
    TimeRangeOptions times = new TimeRangeOptions();

    @Option(names = "--window", paramLabel = "ID", description = "Only this window's anchor (anchors:GetAnchor).")
    String windowId;

    @Option(names = "--json", description = "One JSON object per anchor, for scripts and the README's checkers.")
    boolean json;

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
        try (AuditPeer ledger = AuditPeer.connect(peer.settings())) {
            List<LedgerAnchor> anchors =
                    windowId != null ? List.of(ledger.anchor(windowId)) : ledger.anchors(range[0], range[1]);
            for (LedgerAnchor anchor : anchors) {
                console.out().println(json ? JSON.writeValueAsString(anchor) : describe(anchor));
            }
            if (!json) {
                console.result("ANCHORS count=" + anchors.size());
            }
            console.out().flush();
            return 0;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An anchor cannot be written as JSON", e);
        } catch (StackException | AuditPeer.LedgerQueryException e) {
            console.err().println(e.getMessage());
            return AuditCommand.UNAVAILABLE;
        }
    }

    /**
     * Describes an anchor on one line.
     *
     * @param anchor the anchor
     * @return {@code <windowId> start=… end=… leaves=… root=… scheme=… tx=… by=…}
     */
    static String describe(LedgerAnchor anchor) {
        return anchor.windowId() + " start=" + Instant.ofEpochMilli(anchor.startTime()) + " end="
                + Instant.ofEpochMilli(anchor.endTime()) + " leaves=" + anchor.leafCount() + " root="
                + anchor.merkleRoot() + " scheme=" + anchor.hashScheme() + " tx=" + anchor.txId() + " by="
                + anchor.updatedByMsp();
    }
}
