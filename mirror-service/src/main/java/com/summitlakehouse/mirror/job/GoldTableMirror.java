package com.summitlakehouse.mirror.job;

import com.summitlakehouse.delta.Column;
import com.summitlakehouse.delta.ConcurrentCommitException;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.Lineage;
import com.summitlakehouse.delta.StoreRequests;
import com.summitlakehouse.delta.TableSchema;
import com.summitlakehouse.delta.TableVersion;
import com.summitlakehouse.delta.catalog.CatalogException;
import com.summitlakehouse.delta.catalog.CatalogTables;
import com.summitlakehouse.delta.catalog.TableRegistration;
import com.summitlakehouse.mirror.source.GroupScope;
import com.summitlakehouse.mirror.source.SourceSnapshot;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Mirrors one source view into one gold table: a consistent snapshot of the view is fingerprinted; when the
 * fingerprint equals the one recorded on the table's current version nothing is written. Otherwise the rows stream
 * into a new version: for a grouped view, only the groups that changed since the current version; else the whole
 * table.
 */
final class GoldTableMirror {

    /** The job name on every commit (lineage, Kernel's engineInfo): how this job knows its own commits. */
    static final String JOB = "mirror-service";

    private final String name;
    private final MirrorConfig.Mirror config;
    private final GoldTable table;
    private final DataSource dataSource;
    private final String sourceName;
    private final String jobVersion;

    private final GroupedWrites writes;
    private final CatalogTables catalogTables;
    private final String catalogName;
    private final String catalogSchema;

    GoldTableMirror(String name, MirrorConfig.Mirror config, GoldTable table, DataSource dataSource,
            String sourceName, String jobVersion) {
        this(name, config, table, dataSource, sourceName, jobVersion, null, null, null);
    }

    /** With {@code catalogTables} null, nothing is registered anywhere. */
    GoldTableMirror(String name, MirrorConfig.Mirror config, GoldTable table, DataSource dataSource,
            String sourceName, String jobVersion, CatalogTables catalogTables, String catalogName,
            String catalogSchema) {
        this.catalogTables = catalogTables;
        this.catalogName = catalogName;
        this.catalogSchema = catalogSchema;
        this.name = name;
        this.config = config;
        this.table = table;
        this.writes = new GroupedWrites(table, config);
        this.dataSource = dataSource;
        this.sourceName = sourceName;
        this.jobVersion = jobVersion;
    }

    /**
     * Mirrors, then registers the table in the catalog (when there is one) whether or not the data changed.
     * {@code full}: rewrite the whole table even when the source is unchanged or single groups would do.
     */
    MirrorResult run(boolean full) {
        return run(full, Optional.empty());
    }

    /**
     * As {@link #run(boolean)}; {@code changed}: the only groups that may have changed since the table's current
     * version (a change notification named them), so only they are fingerprinted. Without a grouped current version
     * to take the others from, every group is.
     */
    MirrorResult run(boolean full, Optional<Set<String>> changed) {
        StoreRequests before = table.storeRequests();
        Registered registered = mirrorRetryingLostRaces(full, changed);
        MirrorResult result = registered.result().withRequests(table.storeRequests().minus(before));
        if (catalogTables == null || result.outcome() == MirrorResult.Outcome.FAILED) {
            return result;
        }
        try {
            return result.withCatalog(catalogTables.register(registered.registration()).name()
                    .toLowerCase(java.util.Locale.ROOT), null);
        } catch (CatalogException e) {
            return result.withCatalog("not-updated", e.getMessage());
        }
    }

    MirrorResult run() {
        return run(false);
    }

    /** How often a run that lost the commit race to another writer is run again on the new version. */
    private static final int RACES = 3;

    /**
     * Another writer (a second replica woken by the same notification) committed first with another snapshot: the
     * run is repeated on the version it made, which is normal work, not a failure.
     */
    private Registered mirrorRetryingLostRaces(boolean full, Optional<Set<String>> changed) {
        int lost = 0;
        while (true) {
            try {
                Registered registered = mirror(full, changed);
                return lost == 0 ? registered
                        : new Registered(registered.result().withLostRaces(lost), registered.registration());
            } catch (LostRace race) {
                lost++;
                if (lost == RACES) {
                    return new Registered(race.result.withLostRaces(lost));
                }
            }
        }
    }

    /** A commit lost to another writer whose version holds another snapshot of the source. */
    private static final class LostRace extends RuntimeException {
        private final MirrorResult result;

        LostRace(MirrorResult result) {
            super(result.message(), null, false, false);
            this.result = result;
        }
    }

    private record Registered(MirrorResult result, TableRegistration registration) {
        Registered(MirrorResult result) {
            this(result, null);
        }
    }

    private Registered mirror(boolean full, Optional<Set<String>> changed) {
        long started = System.nanoTime();
        Optional<TableVersion> current = table.current();
        Optional<GroupScope> scope = full ? Optional.empty() : changed.flatMap(groups -> current
                .flatMap(TableVersion::groups)
                .map(layout -> new GroupScope(groups, layout.fingerprints(), GroupedWrites.sourceSignature(layout.signature()))));
        try (SourceSnapshot source = SourceSnapshot.open(dataSource, config.source(), config.columns(),
                config.changeColumns().orElse(List.of()), config.groupBy(), scope)) {
            TableSchema schema = new TableSchema(source.columns().stream()
                    .map(c -> new Column(c.name(), c.type(), true, c.description())).toList())
                    .withStatisticsOn(statisticsColumns(source));
            TableRegistration registration = registration(source, schema);
            // A notified run says how little it looked at; a sweep looks at every group.
            String looked = source.grouped() && source.groupsFingerprinted() != source.groups().size()
                    ? "; fingerprinted " + source.groupsFingerprinted() + " of " + source.groups().size() + " groups"
                    : "";
            if (!full && current.filter(version -> version.madeFrom(source.fingerprint())).isPresent()) {
                return new Registered(withSweep(result(MirrorResult.Outcome.UNCHANGED, source.rowCount(),
                        current.get().version(), started, "source unchanged since the last mirrored version" + looked)),
                        registration);
            }
            Lineage lineage = new Lineage(sourceName + "#" + config.source(), source.fingerprint(), JOB,
                    jobVersion, source.rowCount(), Map.of("query", source.select()));
            try {
                GroupedWrites.Written written = writes.write(source, schema, lineage, current, full);
                return new Registered(result(MirrorResult.Outcome.MIRRORED, source.rowCount(),
                        written.result().version(), started, written.note() == null ? null : written.note() + looked)
                        .withUpkeep(written.result().sweep(), written.result().upkeepFailures()), registration);
            } catch (ConcurrentCommitException e) {
                // Another run got there first; if it wrote this very snapshot, there is nothing left to do.
                Optional<TableVersion> now = table.current();
                if (now.filter(version -> version.madeFrom(source.fingerprint())).isPresent()) {
                    return new Registered(result(MirrorResult.Outcome.UNCHANGED, source.rowCount(),
                            now.get().version(), started, "another run committed this snapshot first"), registration);
                }
                throw new LostRace(result(MirrorResult.Outcome.FAILED, 0, null, started, e.getMessage()));
            }
        } catch (SQLException e) {
            return new Registered(result(MirrorResult.Outcome.FAILED, 0, null, started, "database: " + e.getMessage()));
        } catch (LostRace race) {
            throw race;
        } catch (RuntimeException e) {
            return new Registered(result(MirrorResult.Outcome.FAILED, 0, null, started, e.getMessage()));
        }
    }

    /**
     * A run that writes nothing still finishes what earlier runs left to purge (a process killed mid-purge, a delay
     * that has passed since): nothing due is left behind because no row changed.
     */
    private MirrorResult withSweep(MirrorResult unchanged) {
        try {
            return unchanged.withUpkeep(table.upkeepDue(), List.of());
        } catch (RuntimeException e) {
            // No sweep result: the purge due time known from earlier stays, so a purge that keeps failing shows.
            return unchanged.withUpkeepFailures(List.of("sweep: " + e.getMessage()));
        }
    }

    /**
     * The columns whose min/max go to the log: those that cannot carry moderated content (dates, timestamps,
     * numbers, booleans), the group column, and the text columns the configuration names.
     */
    private java.util.Set<String> statisticsColumns(SourceSnapshot source) {
        java.util.Set<String> allowed = new java.util.HashSet<>(config.textStatistics().orElse(List.of()));
        config.groupBy().ifPresent(allowed::add);
        source.columns().forEach(column -> {
            if (column.type() != com.summitlakehouse.delta.ColumnType.STRING
                    && column.type() != com.summitlakehouse.delta.ColumnType.STRING_ARRAY) {
                allowed.add(column.name());
            }
        });
        return allowed;
    }

    /** The table as the catalog shows it: the view's comment, its described columns, where its data comes from. */
    private TableRegistration registration(SourceSnapshot source, TableSchema schema) {
        String name = config.table().substring(config.table().lastIndexOf('/') + 1);
        return new TableRegistration(catalogName, catalogSchema, name, table.location(),
                source.comment().isEmpty() ? "Mirrored from " + config.source() : source.comment(), schema,
                Map.of("summit.lineage.source", sourceName + "#" + config.source(),
                        "summit.lineage.job", "mirror-service",
                        "summit.lineage.query", source.select()));
    }

    private MirrorResult result(MirrorResult.Outcome outcome, long rows, Long version, long started, String message) {
        return new MirrorResult(name, outcome, rows, version, (System.nanoTime() - started) / 1_000_000, message);
    }
}
