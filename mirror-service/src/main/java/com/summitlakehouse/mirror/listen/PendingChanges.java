package com.summitlakehouse.mirror.listen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The groups notified since the last notified run, per mirror: what the next run looks at. Notifications that
 * arrive while one is pending (or while a run is under way) join it.
 */
final class PendingChanges {

    /**
     * @param groups   the groups that may have changed; empty: any group
     * @param noticed  when each notification folded in here arrived (System.nanoTime), for the freshness metric
     */
    record Pending(Optional<Set<String>> groups, List<Long> noticed) {
        Pending merge(Pending other) {
            Optional<Set<String>> both = groups.isEmpty() || other.groups.isEmpty() ? Optional.empty()
                    : Optional.of(union(groups.get(), other.groups.get()));
            List<Long> all = new ArrayList<>(noticed);
            all.addAll(other.noticed);
            // Bounded: a flood of notifications keeps its oldest arrivals, which the metric needs most.
            return new Pending(both, all.size() > MAX_NOTICED ? all.subList(0, MAX_NOTICED) : all);
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> union = new TreeSet<>(a);
            union.addAll(b);
            return union;
        }
    }

    private static final int MAX_NOTICED = 10_000;

    private final Map<String, Pending> pending = new HashMap<>();

    /** Adds a notification for {@code mirror}; true when it joined one already pending (coalesced). */
    synchronized boolean add(String mirror, Optional<Set<String>> groups, long noticedNanos) {
        Pending added = new Pending(groups, List.of(noticedNanos));
        Pending before = pending.get(mirror);
        pending.put(mirror, before == null ? added : before.merge(added));
        return before != null;
    }

    /** Everything pending, which is pending no more. */
    synchronized Map<String, Pending> take() {
        Map<String, Pending> taken = Map.copyOf(pending);
        pending.clear();
        return taken;
    }

    /** Puts back what a failed run took, merged with whatever arrived meanwhile. */
    synchronized void putBack(String mirror, Pending failed) {
        pending.merge(mirror, failed, Pending::merge);
    }

    synchronized boolean isEmpty() {
        return pending.isEmpty();
    }
}
