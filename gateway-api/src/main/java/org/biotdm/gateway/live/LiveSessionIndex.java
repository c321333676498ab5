package org.biotdm.gateway.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.access.Grantee;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * The open sessions of the hub, indexed three ways: by session ID; by person, oldest first, for the per-person cap
 * and for closing a disabled person's sessions; and by who may see an event: admins' and auditors' sessions under
 * their organisation's MSP ID (they see exactly the devices it owns), operators' sessions under their own (MSP ID,
 * Fabric ID) and under their MSP ID (a grant names one operator or every operator of an MSP). An event is therefore
 * checked only against the sessions of its owner organisation's admins and auditors and of the grantees of the grants
 * in force on its device ({@link org.biotdm.gateway.access.DeviceAccess#operatorGrantees}), however many other
 * sessions are open; a grant given or revoked later counts from the next event, as the grantees are looked up per
 * event.
 *
 * <p>Every map is bounded: by the number of people who signed in times {@code biotdm.live.max-sessions-per-user};
 * keys whose last session left are removed.
 */
final class LiveSessionIndex {
    private final int maxPerUser;
    private final Map<String, LiveSession> byId = new ConcurrentHashMap<>();
    private final Map<Long, Deque<LiveSession>> byUser = new HashMap<>();
    private final Map<String, Set<LiveSession>> byOrg = new ConcurrentHashMap<>();
    private final Map<Grantee, Set<LiveSession>> byOperator = new ConcurrentHashMap<>();
    private final Map<String, Set<LiveSession>> byOperatorMsp = new ConcurrentHashMap<>();

    /**
     * Creates an empty index.
     *
     * @param maxPerUser the most sessions one person may hold, at least 1
     */
    LiveSessionIndex(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /**
     * Adds a session.
     *
     * @param session the new session
     * @return the person's oldest session when the new one took them past the cap (removed from the index; the
     *     caller closes it), or empty
     */
    synchronized Optional<LiveSession> add(LiveSession session) {
        byId.put(session.id(), session);
        index(session, true);
        Deque<LiveSession> own = byUser.computeIfAbsent(session.user().userId(), k -> new ArrayDeque<>());
        own.addLast(session);
        return own.size() > maxPerUser ? remove(own.peekFirst().id()) : Optional.empty();
    }

    /**
     * Removes a session.
     *
     * @param sessionId the session ID
     * @return the session, or empty when it was not (or no longer) indexed
     */
    synchronized Optional<LiveSession> remove(String sessionId) {
        LiveSession session = byId.remove(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        index(session, false);
        Deque<LiveSession> own = byUser.get(session.user().userId());
        own.remove(session);
        if (own.isEmpty()) {
            byUser.remove(session.user().userId());
        }
        return Optional.of(session);
    }

    /**
     * Removes every session of a person.
     *
     * @param userId the person's ID
     * @return the removed sessions (the caller closes them)
     */
    synchronized List<LiveSession> removeUser(long userId) {
        List<LiveSession> own = new ArrayList<>(byUser.getOrDefault(userId, new ArrayDeque<>()));
        own.forEach(s -> remove(s.id()));
        return own;
    }

    /**
     * Returns the sessions that may see an event about a device: its owner organisation's admins' and auditors', and
     * those of the operators its grants in force name (still to be checked against the access rules and filters).
     *
     * @param ownerMsp the device owner's MSP ID
     * @param grantees the grantees of the grants in force on the device
     * @return the candidate sessions, each once
     */
    Collection<LiveSession> candidates(String ownerMsp, Collection<Grantee> grantees) {
        Collection<LiveSession> org = byOrg.getOrDefault(ownerMsp, Set.of());
        if (grantees.isEmpty()) {
            return org;
        }
        Set<LiveSession> candidates = new LinkedHashSet<>(org);
        for (Grantee grantee : grantees) {
            candidates.addAll(
                    grantee.fabricId() == null
                            ? byOperatorMsp.getOrDefault(grantee.mspId(), Set.of())
                            : byOperator.getOrDefault(grantee, Set.of()));
        }
        return candidates;
    }

    /**
     * Returns a session by ID.
     *
     * @param sessionId the session ID
     * @return the session, or null
     */
    LiveSession get(String sessionId) {
        return byId.get(sessionId);
    }

    /**
     * Returns how many sessions are indexed.
     *
     * @return the count
     */
    int size() {
        return byId.size();
    }

    /** Adds a session to, or removes it from, the audience maps it belongs in. */
    private void index(LiveSession session, boolean add) {
        ApiUser user = session.user();
        if (user.is(ApiRole.OPERATOR)) {
            update(byOperator, new Grantee(user.mspId(), user.fabricId()), session, add);
            update(byOperatorMsp, user.mspId(), session, add);
        } else {
            update(byOrg, user.mspId(), session, add);
        }
    }

    private static <K> void update(Map<K, Set<LiveSession>> index, K key, LiveSession session, boolean add) {
        if (add) {
            index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(session);
        } else {
            index.computeIfPresent(key, (k, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
    }
}
