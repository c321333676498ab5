package org.biotdm.gateway.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.users.ApiRole;

/**
 * The open sessions of the hub, indexed three ways: by session ID; by person, oldest first, for the per-person cap
 * and for closing a disabled person's sessions; and by who may see an event: admins' and auditors' sessions under
 * their organisation's MSP ID (they see exactly the devices it owns), operators' sessions in one set (a grant may
 * cover a device of any organisation). So an event is checked against the sessions of its owner organisation and the
 * operators' sessions only, however many sessions of other organisations are open.
 *
 * <p>Every map is bounded: by the number of people who signed in times {@code biotdm.live.max-sessions-per-user}.
 */
final class LiveSessionIndex {
    private final int maxPerUser;
    private final Map<String, LiveSession> byId = new ConcurrentHashMap<>();
    private final Map<Long, Deque<LiveSession>> byUser = new HashMap<>();
    private final Map<String, Set<LiveSession>> byOrg = new ConcurrentHashMap<>();
    private final Set<LiveSession> operators = ConcurrentHashMap.newKeySet();

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
        audience(session).add(session);
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
        audience(session).remove(session);
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
     * Returns the sessions that may see an event about a device of an organisation: its admins' and auditors', and
     * every operator's (still to be checked against the access rules and their filters).
     *
     * @param ownerMsp the device owner's MSP ID
     * @return the candidate sessions
     */
    List<LiveSession> candidates(String ownerMsp) {
        Collection<LiveSession> org = byOrg.getOrDefault(ownerMsp, Set.of());
        List<LiveSession> candidates = new ArrayList<>(org.size() + operators.size());
        candidates.addAll(org);
        candidates.addAll(operators);
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

    private Set<LiveSession> audience(LiveSession session) {
        return session.user().is(ApiRole.OPERATOR)
                ? operators
                : byOrg.computeIfAbsent(session.user().mspId(), k -> ConcurrentHashMap.newKeySet());
    }
}
