/**
 * MariaDB wiring: the embedded server started when no datasource URL is configured, with its generated owner-only
 * credentials and least-privilege application user, the datasource hook that points the pool and Flyway at it, database
 * failure classification (and the unwrapping of repository failures into the driver's exceptions), and the job that
 * keeps telemetry partitions ready.
 */
package org.biotdm.gateway.db;
