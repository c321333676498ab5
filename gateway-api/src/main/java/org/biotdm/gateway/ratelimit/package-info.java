/**
 * Rate limits: requests per person, per device and per client address, and telemetry readings per device; 429 with
 * Retry-After.
 */
package org.biotdm.gateway.ratelimit;
