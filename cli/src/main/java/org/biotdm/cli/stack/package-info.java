/**
 * {@code biotdm up} and the running stack it starts: the dev network and gateway-api as child JVMs with their logs,
 * the data directory's layout, ports, the gateway's settings, the first people and their credentials, and {@code
 * stack.properties}, which tells other commands where a running stack listens.
 */
package org.biotdm.cli.stack;
