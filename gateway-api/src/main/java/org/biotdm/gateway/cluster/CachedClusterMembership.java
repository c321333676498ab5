package org.biotdm.gateway.cluster;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.micronaut.context.annotation.Primary;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.biotdm.gateway.device.DeviceChangedEvent;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Reuses membership answers, refusals included, for at most {@code biotdm.cluster.membership-ttl} (2 s at most), in a
 * cache of at most {@code membership-cache-size} pairs of head and member. Every answer naming a device is dropped as
 * soon as the registry reports a change of that device ({@link DeviceChangedEvent}), so a suspension reaches the
 * cluster head as fast as it reaches the registry; the TTL bounds the staleness should an event be missed.
 */
@Primary
@Singleton
final class CachedClusterMembership implements ClusterMembership {
    private final ClusterMembership source;
    private final Cache<Pair, Decision> answers;

    /**
     * Creates the cache.
     *
     * @param source the membership rule asked on a miss
     * @param configuration TTL and size
     */
    public CachedClusterMembership(GroupClusterMembership source, ClusterConfiguration configuration) {
        this.source = source;
        this.answers = CacheBuilder.newBuilder()
                .maximumSize(configuration.membershipCacheSize())
                .expireAfterWrite(configuration.membershipTtl())
                .build();
    }

    @Override
    public ClusterMember require(String headId, String memberId) {
        if (headId.equals(memberId)) {
            return source.require(headId, memberId);
        }
        Pair pair = new Pair(headId, memberId);
        Decision decision = answers.getIfPresent(pair);
        if (decision == null) {
            decision = decide(headId, memberId);
            answers.put(pair, decision);
        }
        if (decision.member() == null) {
            throw new ApiException(decision.code(), decision.message());
        }
        return decision.member();
    }

    /**
     * Drops every answer that names the changed device, as head or as member.
     *
     * @param event a registry change from the chaincode event listener
     */
    @EventListener
    void onDeviceChanged(DeviceChangedEvent event) {
        String deviceId = event.record().deviceId();
        answers.asMap()
                .keySet()
                .removeIf(pair -> pair.head().equals(deviceId) || pair.member().equals(deviceId));
    }

    private Decision decide(String headId, String memberId) {
        try {
            return new Decision(source.require(headId, memberId), null, null);
        } catch (ApiException e) {
            return new Decision(null, e.code(), e.getMessage());
        }
    }

    private record Pair(String head, String member) {}

    private record Decision(ClusterMember member, ErrorCode code, String message) {}
}
