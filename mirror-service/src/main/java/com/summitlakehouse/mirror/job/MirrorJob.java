package com.summitlakehouse.mirror.job;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.StoreRequests;
import com.summitlakehouse.delta.catalog.CatalogTables;
import com.summitlakehouse.mirror.database.DatabaseActivity;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the configured mirrors, one after the other, never two runs at once in this process: a run waits for the one
 * in progress.
 */
@ApplicationScoped
public class MirrorJob {

    private static final Logger LOG = Logger.getLogger(MirrorJob.class);

    private final MirrorConfig config;
    private final AgroalDataSource dataSource;
    private final MeterRegistry metrics;
    private final String jobVersion;
    private final String sourceName;
    /** Null when no catalog is configured: nothing is registered anywhere. */
    private final CatalogTables catalogTables;
    private final DatabaseActivity activity;
    private final ReentrantLock running = new ReentrantLock();
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastRows = new ConcurrentHashMap<>();
    private final Map<String, GoldTable> tables = new ConcurrentHashMap<>();
    /** When files a mirror's commits removed fall due for purging (epoch millis); absent: nothing waits. */
    private final Map<String, Long> purgeDue = new ConcurrentHashMap<>();

    MirrorJob(MirrorConfig config, AgroalDataSource dataSource, MeterRegistry metrics, DatabaseActivity activity,
            @ConfigProperty(name = "quarkus.application.version") String jobVersion,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
        this.config = config;
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.activity = activity;
        this.jobVersion = jobVersion;
        // Lineage names the database without credentials: host, port and database only.
        this.sourceName = jdbcUrl.replaceFirst("^jdbc:", "").replaceFirst("\\?.*$", "");
        this.catalogTables = config.catalog().client().map(CatalogTables::new).orElse(null);
        // Registered up front, so that an alert on them sees zero, not nothing, before the first failure.
        config.mirrors().keySet().forEach(name -> {
            Tags tags = Tags.of("mirror", name);
            metrics.counter("mirror.upkeep.failures", tags);
            metrics.counter("mirror.purged.files", tags);
            metrics.counter("mirror.catalog.failures", tags);
            metrics.counter("mirror.lost.races", tags);
            countRequests(name, StoreRequests.NONE);
            for (Trigger trigger : Trigger.values()) {
                metrics.counter("mirror.runs", tags.and("trigger", trigger.tag()));
            }
            // When the oldest purge this process knows of falls due (epoch seconds; 0: none waits): a sweep that
            // stopped shows as a due time in the past.
            metrics.gauge("mirror.purge.due.seconds", tags, purgeDue,
                    due -> due.getOrDefault(name, 0L) / 1000.0);
        });
    }

    /** What started a run, as the runs metric tells them apart. */
    public enum Trigger {
        SWEEP, NOTIFICATION, ONCE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** All mirrors once, after any run in progress here. */
    public List<MirrorResult> runAll() {
        return runAll(false);
    }

    /** As {@link #runAll()}; {@code full}: every table rewritten whole, changed or not. */
    public List<MirrorResult> runAll(boolean full) {
        return runAll(full, Trigger.SWEEP);
    }

    public List<MirrorResult> runAll(boolean full, Trigger trigger) {
        Map<String, Optional<Set<String>>> everything = new java.util.LinkedHashMap<>();
        config.mirrors().keySet().forEach(name -> everything.put(name, Optional.empty()));
        return run(everything, full, trigger);
    }

    /**
     * The given mirrors, each looking only at the groups of the UTC hours given ({@code 2026-05-04T13}; empty: all
     * groups), as notifications named them.
     */
    public List<MirrorResult> runChanged(Map<String, Optional<Set<String>>> changed) {
        return run(changed, false, Trigger.NOTIFICATION);
    }

    private List<MirrorResult> run(Map<String, Optional<Set<String>>> groups, boolean full, Trigger trigger) {
        running.lock();
        try {
            activity.touch();
            List<MirrorResult> results = new ArrayList<>();
            config.mirrors().forEach((name, mirror) -> {
                if (!groups.containsKey(name)) {
                    return;
                }
                MirrorResult result = mirror(name, mirror).run(full, groups.get(name));
                metrics.counter("mirror.runs", Tags.of("mirror", name, "trigger", trigger.tag())).increment();
                record(result);
                results.add(result);
            });
            return results;
        } finally {
            activity.touch();
            running.unlock();
        }
    }

    GoldTableMirror mirror(String name, MirrorConfig.Mirror mirror) {
        return new GoldTableMirror(name, mirror, table(mirror), dataSource, sourceName,
                jobVersion, catalogTables, config.catalog().name(), config.catalog().schema());
    }

    /** The mirror's gold table under the configured warehouse; one per table for the life of the process. */
    GoldTable table(MirrorConfig.Mirror mirror) {
        return table(config.warehouse(), mirror);
    }

    GoldTable table(String warehouse, MirrorConfig.Mirror mirror) {
        String location = warehouse.replaceAll("/+$", "") + "/" + mirror.table();
        return tables.computeIfAbsent(location, at -> {
            MirrorConfig.TableUpkeep upkeep = config.upkeep();
            GoldTableOptions options = new GoldTableOptions(upkeep.targetFileSize().asLongValue(),
                    GoldTableOptions.defaults().rowsPerBatch(), upkeep.checkpointInterval(), upkeep.logRetention(),
                    upkeep.fileRetention(), Clock.systemUTC(), java.util.Optional.of(config.purge().within()),
                    upkeep.vacuumEvery());
            return new GoldTable(at, options, config.objectStore().s3());
        });
    }

    /** Every mirror's table, for the readiness check. */
    public List<GoldTable> tables() {
        return config.mirrors().values().stream().map(this::table).toList();
    }

    /**
     * What fell due since each table's last run (the long-running mode calls this every
     * {@code mirror.purge.sweep-every}): purges whose delay passed, from the list the commits made, and the hourly
     * full vacuum. A table with nothing due is not touched.
     */
    public void sweepDuePurges() {
        if (!running.tryLock()) {
            return;
        }
        try {
            config.mirrors().forEach((name, mirror) -> {
                try {
                    GoldTable table = table(mirror);
                    StoreRequests before = table.storeRequests();
                    com.summitlakehouse.delta.Sweep sweep = table.upkeepDue();
                    countRequests(name, table.storeRequests().minus(before));
                    notePurge(name, sweep);
                    if (sweep.purged() > 0) {
                        LOG.infof("mirror %s: purged %d files that withdrawn rows were in", name, sweep.purged());
                    }
                } catch (RuntimeException e) {
                    metrics.counter("mirror.upkeep.failures", Tags.of("mirror", name)).increment();
                    LOG.warnf("mirror %s: purge sweep failed, tried again in the next sweep: %s", name,
                            e.getMessage());
                }
            });
        } finally {
            running.unlock();
        }
    }

    /** Storage requests by kind, as {@code mirror_store_requests_total{op}}: what runs and sweeps cost the store. */
    private void countRequests(String mirror, StoreRequests requests) {
        Tags tags = Tags.of("mirror", mirror);
        metrics.counter("mirror.store.requests", tags.and("op", "list")).increment(requests.lists());
        metrics.counter("mirror.store.requests", tags.and("op", "read")).increment(requests.reads());
        metrics.counter("mirror.store.requests", tags.and("op", "write")).increment(requests.writes());
        metrics.counter("mirror.store.requests", tags.and("op", "delete")).increment(requests.deletes());
    }

    private void notePurge(String mirror, com.summitlakehouse.delta.Sweep sweep) {
        metrics.counter("mirror.purged.files", Tags.of("mirror", mirror)).increment(sweep.purged());
        sweep.nextPurgeDue().ifPresentOrElse(at -> purgeDue.put(mirror, at.toEpochMilli()),
                () -> purgeDue.remove(mirror));
    }

    private void record(MirrorResult result) {
        Tags tags = Tags.of("mirror", result.mirror());
        countRequests(result.mirror(), result.requests());
        // After a failed upkeep step the sweep may not have run: the due time known from before stays.
        result.sweep().filter(sweep -> result.upkeepFailures().isEmpty())
                .ifPresent(sweep -> notePurge(result.mirror(), sweep));
        metrics.timer("mirror.run.duration", tags.and("result", result.outcome().name().toLowerCase()))
                .record(result.millis(), TimeUnit.MILLISECONDS);
        // Counted apart from failures: the data landed, but upkeep (checkpoint, log cleanup, vacuum) is behind.
        metrics.counter("mirror.upkeep.failures", tags).increment(result.upkeepFailures().size());
        // A second replica committed first: the run went on on its version, which is normal work, not a failure.
        metrics.counter("mirror.lost.races", tags).increment(result.lostRaces());
        if (result.catalogProblem() != null) {
            metrics.counter("mirror.catalog.failures", tags).increment();
        }
        if (result.failed()) {
            metrics.counter("mirror.failures", tags).increment();
            LOG.error(result.summary());
            return;
        }
        lastSuccess.computeIfAbsent(result.mirror(), m -> metrics.gauge("mirror.last.success.seconds", tags,
                new AtomicLong())).set(System.currentTimeMillis() / 1000);
        lastRows.computeIfAbsent(result.mirror(), m -> metrics.gauge("mirror.rows", tags, new AtomicLong()))
                .set(result.rows());
        if (result.upkeepFailures().isEmpty()) {
            LOG.info(result.summary());
        } else {
            LOG.warn(result.summary());
        }
    }
}
