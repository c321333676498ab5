/** Request rate limits per person, per device and per client address: 429 with Retry-After. */
package org.biotdm.gateway.ratelimit;
