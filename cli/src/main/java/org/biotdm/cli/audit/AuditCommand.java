package org.biotdm.cli.audit;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code biotdm audit}: the auditor's checks against their own organisation's peer with their own Fabric identity,
 * never through the gateway. Exit status of every subcommand: 0 done (and everything matched), 1 a mismatch or an
 * invalid transaction, 2 bad arguments, 3 the peer or the database could not be read.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {
            "Audits from your own organisation's peer with your own Fabric identity; never asks the gateway.",
            "Exit status: 0 ok, 1 mismatch or invalid transaction, 2 bad arguments, 3 peer or database unavailable."
        },
        subcommands = {AuditAnchorsCommand.class, AuditTxCommand.class, AuditVerifyCommand.class})
public final class AuditCommand implements Runnable {
    /** Exit status when a window does not match or a transaction is not valid. */
    public static final int MISMATCH = 1;
    /** Exit status when the peer or the database cannot be read. */
    public static final int UNAVAILABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: anchors, tx or verify");
    }
}
