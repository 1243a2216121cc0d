package com.summitlakehouse.mirror.source;

import java.util.Map;
import java.util.Set;

/**
 * A snapshot that looks at some groups only: those of the UTC hours a change notification named, with what the
 * gold table recorded for every group when it was written. Only the named groups are fingerprinted (an index range
 * each); every other group is taken as recorded. Used only while the view's signature is still the recorded one.
 *
 * @param groups      the UTC hours ({@code 2026-05-04T13}) whose rows may have changed: each the name of an hour
 *                    group, or, for a view grouped by a date column, of a day's group ({@link SourceGrouping#groupOf})
 * @param recorded    each group's fingerprint as the table's current version recorded it
 * @param signature   the view's signature those fingerprints were taken under
 */
public record GroupScope(Set<String> groups, Map<String, String> recorded, String signature) {

    public GroupScope {
        groups = Set.copyOf(groups);
        recorded = Map.copyOf(recorded);
    }

    /** The row count within a recorded fingerprint, which starts with it ("rows:hash sum"). */
    static long rowsOf(String fingerprint) {
        return Long.parseLong(fingerprint.substring(0, fingerprint.indexOf(':')));
    }
}
