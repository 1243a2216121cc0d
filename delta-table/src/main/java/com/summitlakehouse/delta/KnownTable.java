package com.summitlakehouse.delta;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps a table's {@link TableState} up to date at the cost of what changed: a process that meets the table cold
 * loads it from its last checkpoint once and reads only the commits after the recorded purge watermark; from then on
 * each look is one listing from the next version, and only commits found there (another writer's) are read and
 * the snapshot loaded again. A process's own commits hand their state over directly ({@link #committed}).
 */
final class KnownTable {

    private static final Logger LOG = Logger.getLogger(KnownTable.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String location;
    private final TableStorage storage;
    private final Engine engine;
    private final TableUpkeep upkeep;
    private TableState state;

    KnownTable(String location, TableStorage storage, Engine engine, TableUpkeep upkeep) {
        this.location = location;
        this.storage = storage;
        this.engine = engine;
        this.upkeep = upkeep;
    }

    /** The table as it is now; empty when no table exists at the location yet. */
    synchronized Optional<TableState> now() {
        try {
            state = state == null ? coldStart().orElse(null) : refreshed(state);
        } catch (IOException e) {
            throw GoldTableException.fromStorage(location, new UncheckedIOException(e));
        }
        return Optional.ofNullable(state);
    }

    /** The table as last seen here, without looking again (the first time: as found now). */
    synchronized Optional<TableState> kept() {
        return state == null ? now() : Optional.of(state);
    }

    /** What this process committed; the next look starts from it. */
    synchronized void committed(TableState committed) {
        state = committed;
    }

    /** Forget what is known (a commit whose outcome is uncertain): the next look starts cold. */
    synchronized void forget() {
        state = null;
    }

    private Optional<TableState> coldStart() throws IOException {
        Optional<Snapshot> latest = latestSnapshot();
        if (latest.isEmpty()) {
            upkeep.purges().ifPresent(queue -> queue.knownThrough(-1));
            return Optional.empty();
        }
        Snapshot snapshot = latest.get();
        TableState loaded = load(snapshot, Optional.empty());
        Optional<UpkeepRecord> record = snapshot.getDomainMetadata(PurgeQueue.DOMAIN).flatMap(UpkeepRecord::parse);
        record.ifPresent(found -> upkeep.vacuumedAt(found.vacuumedAt()));
        if (upkeep.purges().isPresent()) {
            if (!catchUp(record.map(UpkeepRecord::purgedThrough), snapshot.getVersion())) {
                // No record of what was purged (a table written before there was one, or its log is gone): the
                // commits of the retention window say it, once.
                LOG.infof("Upkeep of %s: no purge watermark to start from; reading the retention window once",
                        location);
                upkeep.vacuum(snapshot, Optional.empty());
                upkeep.purges().get().knownThrough(snapshot.getVersion());
            }
        }
        return Optional.of(loaded);
    }

    /** Queues the removals of the commits after the watermark; false when they cannot all be read. */
    private boolean catchUp(Optional<Long> purgedThrough, long latest) throws IOException {
        if (purgedThrough.isEmpty()) {
            return false;
        }
        List<FileStatus> commits = ForeignCommits.commitsAfter(storage, location, purgedThrough.get());
        if (!commits.isEmpty() && ForeignCommits.versionOf(commits.get(0)) != purgedThrough.get() + 1) {
            return false;
        }
        PurgeQueue queue = upkeep.purges().get();
        for (FileStatus commit : commits) {
            if (ForeignCommits.versionOf(commit) <= latest) {
                ForeignCommits.Commit read = ForeignCommits.read(storage, commit, location);
                queue.add(read.version(), read.committedAt(), read.removed());
            }
        }
        queue.knownThrough(latest);
        return true;
    }

    private TableState refreshed(TableState known) throws IOException {
        List<FileStatus> newer = ForeignCommits.commitsAfter(storage, location, known.number());
        if (newer.isEmpty()) {
            return known;
        }
        long newest = ForeignCommits.versionOf(newer.get(newer.size() - 1));
        if (upkeep.purges().isPresent()) {
            for (FileStatus commit : newer) {
                ForeignCommits.Commit read = ForeignCommits.read(storage, commit, location);
                upkeep.purges().get().add(read.version(), read.committedAt(), read.removed());
            }
        }
        LOG.debugf("%s: %d commits by another writer since version %d", location, newer.size(), known.number());
        return load(snapshotAt(newest), Optional.empty());
    }

    private TableState load(Snapshot snapshot, Optional<Optional<String>> foreignChange) {
        return new TableState(snapshot, describe(snapshot, engine), GroupedFiles.scan(snapshot, engine, location),
                foreignChange);
    }

    static TableVersion describe(Snapshot snapshot, Engine engine) {
        return new TableVersion(snapshot.getVersion(), snapshot.getTimestamp(engine), snapshot.getTableProperties(),
                snapshot.getDomainMetadata(GroupLayout.DOMAIN).flatMap(GroupLayout::fromJson));
    }

    Optional<Snapshot> latestSnapshot() {
        try {
            return Optional.of(TableManager.loadSnapshot(location).build(engine));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        } catch (UncheckedIOException | KernelException e) {
            throw GoldTableException.fromStorage(location, e);
        }
    }

    Snapshot snapshotAt(long version) {
        try {
            return TableManager.loadSnapshot(location).atVersion(version).build(engine);
        } catch (KernelException e) {
            throw new GoldTableException("Version " + version + " of " + location + " is gone: " + e.getMessage(), e);
        }
    }

    /** What upkeep records with each commit: the purge watermark and when the last full vacuum ran. */
    record UpkeepRecord(long purgedThrough, long vacuumedAt) {

        String toJson() {
            return JSON.createObjectNode().put("purgedThrough", purgedThrough).put("vacuumedAt", vacuumedAt)
                    .toString();
        }

        static Optional<UpkeepRecord> parse(String json) {
            try {
                var node = JSON.readTree(json);
                if (!node.path("purgedThrough").canConvertToLong()) {
                    return Optional.empty();
                }
                return Optional.of(new UpkeepRecord(node.path("purgedThrough").asLong(),
                        node.path("vacuumedAt").asLong(0)));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
