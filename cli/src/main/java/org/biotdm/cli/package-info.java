/**
 * The {@code biotdm} command line: {@code up} starts the dev network and the gateway API as child processes and
 * creates the first users, {@code verify} checks stored telemetry against the on-chain anchors as an auditor, {@code
 * demo} runs the whole system on the bundled real data sets, and {@code replay} mounts device-sim's CSV replay.
 */
package org.biotdm.cli;
