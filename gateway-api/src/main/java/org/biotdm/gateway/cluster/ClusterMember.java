package org.biotdm.gateway.cluster;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An ACTIVE member of a cluster as the gateway vouches for it: the answer of {@code GET
 * /device/v1/cluster/members/{deviceId}}.
 *
 * @param deviceId the member's device ID
 * @param cluster the cluster's name (today the device group head and member share)
 * @param publicKeyPem the member's registered P-256 device key, PEM {@code PUBLIC KEY}; the head verifies the member's
 *     transcript signature with it
 */
@Serdeable
public record ClusterMember(String deviceId, String cluster, String publicKeyPem) {}
