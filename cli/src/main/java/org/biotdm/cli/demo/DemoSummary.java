package org.biotdm.cli.demo;

import java.util.List;
import java.util.Map;
import org.biotdm.cli.KeyValues;

/**
 * What the demo did, printed as a few lines for people and one last line for scripts: {@code DEMO devices=…
 * readings=… acked=… stored=… windows=… anchored=… mismatched=… pending=… alerts=… anomaly_events=… caught=…
 * commands=… completed=… firmware=OK|FAILED cluster=OK|FAILED transport=https|mqtt result=OK|FAILED}.
 *
 * @param devices devices that sent readings
 * @param readings readings the devices sent
 * @param acked readings the gateway acknowledged
 * @param skipped rows of the data sets that could not be parsed (reported, never sent)
 * @param stored readings in the verified windows (all devices)
 * @param windows anchoring windows verified
 * @param anchored windows whose stored readings match their on-chain anchor
 * @param mismatched windows that do not
 * @param pending windows not anchored when the demo stopped waiting
 * @param alerts alerts raised
 * @param anomalyEvents labelled anomaly events in the replayed rows
 * @param caught labelled events with an alert
 * @param commands commands issued
 * @param completed commands completed with a signed receipt
 * @param firmware whether the firmware campaign updated every mote, each receipt on the ledger ({@link DemoFirmware})
 * @param cluster whether the cluster of three motes exchanged its messages and refused the bad ones (DemoCluster)
 * @param transport what the devices' telemetry, commands and receipts went over: {@code https} or {@code mqtt}
 */
record DemoSummary(
        long devices,
        long readings,
        long acked,
        long skipped,
        long stored,
        int windows,
        int anchored,
        int mismatched,
        int pending,
        long alerts,
        int anomalyEvents,
        int caught,
        int commands,
        int completed,
        boolean firmware,
        boolean cluster,
        String transport) {

    /** The first word of the summary line. */
    public static final String NAME = "DEMO";

    /**
     * Tells whether everything verified: every reading acknowledged, every window anchored and matching, every command
     * completed, the firmware campaign updated every mote, the cluster's exchange done.
     *
     * @return true when the demo succeeded
     */
    public boolean ok() {
        return acked == readings
                && readings > 0
                && mismatched == 0
                && pending == 0
                && anchored == windows
                && completed == commands
                && firmware
                && cluster;
    }

    /**
     * Returns the lines for people.
     *
     * @return the lines
     */
    public List<String> describe() {
        return List.of(
                "Devices:      " + devices + " (provisioned with claim tokens, mTLS, signed batches over " + transport
                        + ")",
                "Readings:     " + readings + " sent, " + acked + " acknowledged, " + skipped
                        + " unparseable rows reported and not sent",
                "Stored:       " + stored + " readings in the verified windows",
                "Anchoring:    " + windows + " windows, " + anchored + " match their on-chain Merkle root, "
                        + mismatched + " mismatched, " + pending + " not anchored yet",
                "Commands:     " + commands + " issued, " + completed + " completed with a signed receipt",
                "Firmware:     " + (firmware ? "every mote updated, receipts on the ledger" : "campaign FAILED"),
                "Cluster:      " + (cluster ? "two motes exchanged messages under a key their head issued" : "FAILED"),
                "Alerts:       " + alerts + " raised",
                "Anomalies:    " + caught + " of " + anomalyEvents
                        + " labelled anomaly events (Suthaharan motes) caught" + " by an alert",
                "Result:       " + (ok() ? "everything verified" : "NOT everything verified"));
    }

    /**
     * Returns the summary line.
     *
     * @return {@code DEMO …}
     */
    public String line() {
        return NAME + " devices=" + devices + " readings=" + readings + " acked=" + acked + " skipped=" + skipped
                + " stored=" + stored + " windows=" + windows + " anchored=" + anchored + " mismatched=" + mismatched
                + " pending=" + pending + " alerts=" + alerts + " anomaly_events=" + anomalyEvents + " caught="
                + caught + " commands=" + commands + " completed=" + completed + " firmware="
                + (firmware ? "OK" : "FAILED") + " cluster=" + (cluster ? "OK" : "FAILED") + " transport="
                + transport
                + " result=" + (ok() ? "OK" : "FAILED");
    }

    /**
     * Reads a summary line.
     *
     * @param line the line
     * @return the summary
     * @throws IllegalArgumentException when it is not a complete summary line
     */
    public static DemoSummary parse(String line) {
        Map<String, String> f = KeyValues.parse(NAME, line);
        if (!f.containsKey("cluster")) {
            throw new IllegalArgumentException("Not a complete DEMO line (no cluster=): " + line);
        }
        try {
            return new DemoSummary(
                    Long.parseLong(f.get("devices")),
                    Long.parseLong(f.get("readings")),
                    Long.parseLong(f.get("acked")),
                    Long.parseLong(f.get("skipped")),
                    Long.parseLong(f.get("stored")),
                    Integer.parseInt(f.get("windows")),
                    Integer.parseInt(f.get("anchored")),
                    Integer.parseInt(f.get("mismatched")),
                    Integer.parseInt(f.get("pending")),
                    Long.parseLong(f.get("alerts")),
                    Integer.parseInt(f.get("anomaly_events")),
                    Integer.parseInt(f.get("caught")),
                    Integer.parseInt(f.get("commands")),
                    Integer.parseInt(f.get("completed")),
                    "OK".equals(f.get("firmware")),
                    "OK".equals(f.get("cluster")),
                    transport(f, line));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a complete DEMO line: " + line, e);
        }
    }

    private static String transport(Map<String, String> fields, String line) {
        String transport = fields.get("transport");
        if (transport == null) {
            throw new IllegalArgumentException("No transport in the DEMO line: " + line);
        }
        return transport;
    }
}
