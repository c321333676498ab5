package org.biotdm.cli.chaos;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the world-state hashes the dev network's peers logged ({@code STATE peer=<name> height=<h> hash=<hex>
 * at=<start|replayed|commit>}, one line per peer at each start and every 50 blocks, see the devnet's {@code Peer}):
 * peers that committed the same blocks must have the same world state, so every line for one height must carry the
 * same hash, whichever peer wrote it and whether before or after a crash. A {@code replayed} or {@code start} line
 * written after a {@code commit} line of its height is the state a peer rebuilt after a restart: comparing the two is
 * comparing the state before the crash with the state after it.
 *
 * @param heights heights for which two or more lines were logged, so compared
 * @param acrossRestarts heights whose state was rebuilt after a restart and compared with the state logged before it
 * @param mismatched heights with more than one hash
 */
record StateHashes(int heights, int acrossRestarts, int mismatched) {
    private static final Pattern LINE =
            Pattern.compile("STATE peer=(\\S+) height=(\\d+) hash=([0-9a-f]{64}) at=(start|replayed|commit)");

    /** One logged hash. */
    private record Logged(String hash, String when, int order) {}

    /**
     * Reads and compares the hashes of a dev network's log.
     *
     * @param devnetLog the dev network's log, appended to across restarts; a missing file has no hashes
     * @return the comparison
     * @throws UncheckedIOException when the log cannot be read
     */
    static StateHashes read(Path devnetLog) {
        return compare(RecoveryLog.lines(devnetLog));
    }

    /**
     * Compares the hashes in log lines.
     *
     * @param lines the log's lines in the order written; other lines are ignored
     * @return the comparison
     */
    static StateHashes compare(List<String> lines) {
        Map<Long, List<Logged>> byHeight = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = LINE.matcher(lines.get(i));
            if (matcher.find()) {
                long height = Long.parseLong(matcher.group(2));
                byHeight.computeIfAbsent(height, h -> new ArrayList<>())
                        .add(new Logged(matcher.group(3), matcher.group(4), i));
            }
        }
        int compared = 0;
        int acrossRestarts = 0;
        int mismatched = 0;
        for (List<Logged> logged : byHeight.values()) {
            if (logged.size() < 2) {
                continue;
            }
            compared++;
            Set<String> hashes = new HashSet<>();
            logged.forEach(entry -> hashes.add(entry.hash()));
            if (hashes.size() > 1) {
                mismatched++;
            }
            if (rebuiltAfterCommit(logged)) {
                acrossRestarts++;
            }
        }
        return new StateHashes(compared, acrossRestarts, mismatched);
    }

    /** Whether a state logged at commit was later rebuilt by a restart (its replay, or its start at that height). */
    private static boolean rebuiltAfterCommit(List<Logged> logged) {
        Map<String, Integer> firstOrder = new HashMap<>();
        for (Logged entry : logged) {
            firstOrder.putIfAbsent(entry.when(), entry.order());
        }
        Integer commit = firstOrder.get("commit");
        return commit != null && logged.stream().anyMatch(e -> !"commit".equals(e.when()) && e.order() > commit);
    }
}
