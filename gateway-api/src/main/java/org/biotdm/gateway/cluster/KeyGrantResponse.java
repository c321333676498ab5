package org.biotdm.gateway.cluster;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer of {@code POST /device/v1/cluster/grants}: the grant is recorded and will be anchored.
 *
 * @param keyId the key ID, 32 hex digits
 * @param grantSha256 SHA-256 of the grant's encoding {@code G}, 64 hex digits; the head compares it with its own
 * @param first the member whose ID sorts first
 * @param second the other member
 * @param recordedAt the gateway's clock when it recorded the grant, epoch milliseconds
 */
@Serdeable
public record KeyGrantResponse(String keyId, String grantSha256, String first, String second, long recordedAt) {}
