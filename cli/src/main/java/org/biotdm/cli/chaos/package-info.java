/**
 * {@code biotdm chaos}: a fault-injection run on a stack of its own. Simulated devices replay real sensor data
 * through the device SDK (durable buffers) while processes of the stack are killed with SIGKILL or stopped with
 * SIGSTOP at random moments and the stack's supervisor starts them again; a history of what each device sent and what
 * was acknowledged is then checked against MariaDB and the anchors on the ledger.
 */
package org.biotdm.cli.chaos;
