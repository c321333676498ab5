/**
 * Streamed exports of telemetry, alerts and a device's ledger audit trail as CSV or JSON. Rows go from a
 * forward-only, fetch-size-limited MariaDB result set through a pull-based {@link java.io.InputStream} to the
 * response: nothing holds the whole result, and a slow client slows the read instead of filling memory.
 */
package org.biotdm.gateway.export;
