package com.summitlakehouse.mirror.job;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GroupLayout;
import com.summitlakehouse.delta.Lineage;
import com.summitlakehouse.delta.OverwriteResult;
import com.summitlakehouse.delta.RowGroup;
import com.summitlakehouse.delta.TableSchema;
import com.summitlakehouse.delta.TableVersion;
import com.summitlakehouse.mirror.source.SourceGroup;
import com.summitlakehouse.mirror.source.MirrorSourceException;
import com.summitlakehouse.mirror.source.SourceSnapshot;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a mirror run writes: the groups that changed, or the whole table, and why the whole table when it is. */
final class GroupedWrites {

    private final GoldTable table;
    private final MirrorConfig.Mirror config;

    GroupedWrites(GoldTable table, MirrorConfig.Mirror config) {
        this.table = table;
        this.config = config;
    }

    /** What a run committed, and how it is described in the run's summary. */
    record Written(OverwriteResult result, String note) {
    }

    /**
     * A grouped source rewrites only the groups whose fingerprint differs from the one the current version recorded
     * (and drops the groups that are gone), as long as that version was grouped the same way; otherwise, and on
     * {@code full}, the whole table is written.
     */
    Written write(SourceSnapshot source, TableSchema schema, Lineage lineage, Optional<TableVersion> current,
            boolean full) throws SQLException {
        if (!source.grouped()) {
            return new Written(table.overwrite(schema, source.rows(), lineage, current), null);
        }
        Map<String, String> fingerprints = new TreeMap<>();
        source.groups().values().forEach(group -> fingerprints.put(group.name(), group.fingerprint()));
        // Another choice of statistics columns is another layout: the table is rewritten once, with the new ones.
        String signature = source.signature() + STATISTICS + schema.statisticsColumns().map(c -> String.join(",", c))
                .orElse("*");
        GroupLayout layout = new GroupLayout(signature, fingerprints);
        Optional<GroupLayout> previous = current.flatMap(TableVersion::groups)
                .filter(recorded -> recorded.signature().equals(signature));
        Optional<Set<String>> shared = full || previous.isEmpty() ? Optional.empty()
                : table.groupsInSharedFiles(current.get(), config.groupBy());
        Optional<String> whole = full ? Optional.of("")
                : previous.isEmpty() ? Optional.of(layoutChange(current))
                : wholeRewriteNeeded(current.get(), shared);
        if (whole.isPresent()) {
            OverwriteResult result = table.overwrite(schema, rowGroups(source, source.groups().values()), layout,
                    lineage, current);
            return new Written(result, "whole table, " + fingerprints.size() + " groups" + whole.get());
        }
        // Groups that share a file (another engine compacted or sorted them together) are rewritten together.
        List<SourceGroup> changed = source.groups().values().stream()
                .filter(group -> shared.get().contains(group.name())
                        || !group.fingerprint().equals(previous.get().fingerprints().get(group.name())))
                .toList();
        Set<String> gone = new TreeSet<>(previous.get().fingerprints().keySet());
        gone.addAll(shared.get());
        gone.removeAll(fingerprints.keySet());
        OverwriteResult result = table.replaceGroups(schema, rowGroups(source, changed), gone, layout, lineage,
                current.get(), config.groupBy());
        // Groups another engine's file merely spans (hours without a row) were never recorded: not counted as dropped.
        long dropped = gone.stream().filter(previous.get().fingerprints()::containsKey).count();
        return new Written(result, "rewrote " + changed.size() + " of " + fingerprints.size() + " groups, "
                + result.rows() + " rows" + (dropped == 0 ? "" : ", dropped " + dropped));
    }

    /**
     * Why a table written with groups is rewritten whole: its recorded layout was made under another signature (the
     * view, its columns, the grouping, say days before hours, or the statistics columns changed). Logged once, with
     * the run that moves the table to the new layout; later runs are incremental again.
     */
    private static String layoutChange(Optional<TableVersion> current) {
        return current.flatMap(TableVersion::groups).map(recorded -> ": the group layout of version "
                + current.get().version() + " (" + recorded.fingerprints().size() + " groups) was made under "
                + "another grouping, view definition or statistics choice; moving the table to the new layout once")
                .orElse("");
    }

    /** Where a layout's signature goes on from the view's signature to the choice of statistics columns. */
    private static final String STATISTICS = ";statistics=";

    /** The view's part of a recorded layout signature, which a scoped snapshot compares with the view's own. */
    static String sourceSignature(String layoutSignature) {
        int statistics = layoutSignature.indexOf(STATISTICS);
        return statistics < 0 ? layoutSignature : layoutSignature.substring(0, statistics);
    }

    /**
     * Why the groups recorded on the table cannot be trusted, when they cannot: another writer changed rows since
     * this job's last commit (a DELETE, UPDATE or RESTORE; OPTIMIZE and VACUUM change none), or some file cannot be
     * placed in a group. Then the run rewrites the whole table, and later runs are incremental again.
     */
    private Optional<String> wholeRewriteNeeded(TableVersion current, Optional<Set<String>> shared) {
        Optional<String> foreign = table.rowsChangedByOthers(current, GoldTableMirror.JOB);
        if (foreign.isPresent()) {
            return Optional.of(": rows changed by another writer at " + foreign.get());
        }
        if (shared.isEmpty()) {
            return Optional.of(": a data file has no statistics on " + config.groupBy().orElse("the group column"));
        }
        return Optional.empty();
    }

    /** Each group's rows are queried only when the table writes that group. */
    private static List<RowGroup> rowGroups(SourceSnapshot source, Collection<SourceGroup> groups) {
        return groups.stream().map(group -> new RowGroup(group.name(), group.rows(), () -> {
            try {
                return source.rowsOf(group.name());
            } catch (SQLException e) {
                throw new MirrorSourceException("Reading group " + group.name() + " of " + source.select()
                        + " failed: " + e.getMessage());
            }
        })).toList();
    }
}
