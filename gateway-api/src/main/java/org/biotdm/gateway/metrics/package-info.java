/**
 * The gateway's own Micrometer meters, exported with Micronaut's and the pool's at {@code /prometheus} on the API port
 * (admins only): telemetry group commits, the anchoring backlog and lag, ledger calls by outcome, command states and
 * the devices connected per transport. The acknowledgement latency of telemetry is Micronaut's {@code
 * http_server_requests_seconds} for {@code uri="/device/v1/telemetry"}; the MariaDB pool's meters are Hikari's
 * ({@code hikaricp_*}).
 */
package org.biotdm.gateway.metrics;
