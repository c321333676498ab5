/**
 * The {@code biotdm-telemetry-v1} format ({@code protocol/telemetry-v1.md}): readings, their validity rules, and the
 * canonical text a device signs and the gateway rebuilds from the body before it verifies the signature.
 */
package org.biotdm.protocol.telemetry;
