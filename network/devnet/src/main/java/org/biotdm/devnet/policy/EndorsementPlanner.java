package org.biotdm.devnet.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.biotdm.devnet.msp.MspIdentity;

/**
 * Chooses which organisations' peers a gateway asks for endorsements (public entry point: {@link
 * ChannelPolicies#minimalOrgSet(List, Map, String)}), like the layouts of Fabric's gateway
 * endorsement plan ({@code internal/pkg/gateway/endorsement.go}, fed by discovery) reduced to one peer per organisation.
 */
final class EndorsementPlanner {

    /** The largest number of organisations searched; 2^16 subsets of a few policy evaluations each. */
    static final int MAX_ORGS = 16;

    private EndorsementPlanner() {}

    /** Implements {@link ChannelPolicies#minimalOrgSet(List, Map, String)}; see there. */
    static Optional<Set<String>> minimalOrgSet(
            List<EndorsementPolicy> policies, Map<String, MspIdentity> peerIdentityByMsp, String preferredMsp) {
        List<String> orgs = new ArrayList<>(peerIdentityByMsp.keySet());
        if (orgs.size() > MAX_ORGS) {
            throw new IllegalArgumentException(
                    "too many organisations for an exhaustive search: " + orgs.size() + " > " + MAX_ORGS);
        }
        Collections.sort(orgs);
        int preferred = orgs.indexOf(preferredMsp);
        for (int size = 1; size <= orgs.size(); size++) {
            Optional<Set<String>> found = search(policies, peerIdentityByMsp, orgs, size, preferred);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Set<String>> search(
            List<EndorsementPolicy> policies,
            Map<String, MspIdentity> peers,
            List<String> orgs,
            int size,
            int preferred) {
        List<Integer> masks = masksOfSize(orgs.size(), size);
        if (preferred >= 0) {
            for (int mask : masks) {
                if (contains(mask, preferred) && satisfiesAll(policies, peers, orgs, mask)) {
                    return Optional.of(toSet(orgs, mask, preferred));
                }
            }
        }
        for (int mask : masks) {
            if (!contains(mask, preferred) && satisfiesAll(policies, peers, orgs, mask)) {
                return Optional.of(toSet(orgs, mask, preferred));
            }
        }
        return Optional.empty();
    }

    private static boolean contains(int mask, int index) {
        return index >= 0 && (mask & 1 << index) != 0;
    }

    /** Lists the bit masks with {@code size} bits set among {@code n}, in lexicographic order of the chosen sets. */
    private static List<Integer> masksOfSize(int n, int size) {
        List<Integer> masks = new ArrayList<>();
        collect(n, size, 0, 0, masks);
        return masks;
    }

    private static void collect(int n, int size, int start, int mask, List<Integer> masks) {
        if (Integer.bitCount(mask) == size) {
            masks.add(mask);
            return;
        }
        for (int i = start; i < n; i++) {
            collect(n, size, i + 1, mask | 1 << i, masks);
        }
    }

    private static boolean satisfiesAll(
            List<EndorsementPolicy> policies, Map<String, MspIdentity> peers, List<String> orgs, int mask) {
        List<MspIdentity> signers = new ArrayList<>();
        for (int i = 0; i < orgs.size(); i++) {
            if (contains(mask, i)) {
                signers.add(peers.get(orgs.get(i)));
            }
        }
        for (EndorsementPolicy policy : policies) {
            if (!policy.isSatisfiedBy(signers)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> toSet(List<String> orgs, int mask, int preferred) {
        Set<String> chosen = new LinkedHashSet<>();
        if (contains(mask, preferred)) {
            chosen.add(orgs.get(preferred));
        }
        for (int i = 0; i < orgs.size(); i++) {
            if (contains(mask, i)) {
                chosen.add(orgs.get(i));
            }
        }
        return Collections.unmodifiableSet(chosen);
    }
}
