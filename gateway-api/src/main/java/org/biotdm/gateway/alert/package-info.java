/**
 * Alerts: threshold rules (per device, device group or the whole fleet of an organisation) and a per-sensor streaming
 * anomaly detector, both evaluated off the ingest hot path on the readings each group commit made durable; the
 * alerts they raise, their list, acknowledgement and resolution under {@code /api/v1/alerts}, and the rules under
 * {@code /api/v1/alert-rules}. Every new or changed alert is published as a {@code LiveEvent} of type {@code alert}.
 */
package org.biotdm.gateway.alert;
