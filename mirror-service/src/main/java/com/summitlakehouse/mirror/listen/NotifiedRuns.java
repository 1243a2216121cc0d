package com.summitlakehouse.mirror.listen;

import com.summitlakehouse.mirror.job.MirrorConfig;
import com.summitlakehouse.mirror.job.MirrorJob;
import com.summitlakehouse.mirror.job.MirrorResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Turns notifications into runs: {@code mirror.listen.debounce} after the first one, a run of the notified mirrors
 * that fingerprints only the notified groups. One run at a time; notifications that arrive meanwhile are folded
 * into the next run. A run that failed keeps its groups pending and is tried again with backoff.
 */
@ApplicationScoped
public class NotifiedRuns {

    private static final Logger LOG = Logger.getLogger(NotifiedRuns.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(1);

    private final MirrorConfig config;
    private final MirrorJob job;
    private final MeterRegistry metrics;
    private final PendingChanges pending = new PendingChanges();
    private final ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor(
            work -> {
                Thread thread = new Thread(work, "mirror-notified-runs");
                thread.setDaemon(true);
                return thread;
            });
    private final Map<String, Timer> freshness = new HashMap<>();
    private boolean scheduled;
    private Duration retry = FIRST_RETRY;

    NotifiedRuns(MirrorConfig config, MirrorJob job, MeterRegistry metrics) {
        this.config = config;
        this.job = job;
        this.metrics = metrics;
        config.mirrors().keySet().forEach(name -> {
            Tags tags = Tags.of("mirror", name);
            metrics.counter("mirror.notifications", tags);
            metrics.counter("mirror.notifications.coalesced", tags);
            // Seconds from a change's notification (PostgreSQL sends it as the change commits) to the end of the
            // run whose version holds it.
            freshness.put(name, Timer.builder("mirror.freshness").tags(tags)
                    .serviceLevelObjectives(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
                            Duration.ofMinutes(1), Duration.ofMinutes(5))
                    .register(metrics));
        });
        metrics.counter("mirror.notifications.unreadable");
    }

    /** Created at start-up, so that its metrics are exported (as zeros) before the first notification. */
    void registerMetrics(@Observes io.quarkus.runtime.StartupEvent event) {
    }

    /** One notification's payload, as it arrived at {@code noticedNanos}. */
    void notice(String payload, long noticedNanos) {
        ChangeNotice notice;
        try {
            notice = ChangeNotice.parse(payload);
        } catch (IllegalArgumentException e) {
            metrics.counter("mirror.notifications.unreadable").increment();
            LOG.warnf("A notification on %s was ignored: %s", ChangeNotice.CHANNEL, e.getMessage());
            return;
        }
        config.mirrors().forEach((name, mirror) -> {
            if (!mirror.source().equals(notice.view())) {
                return;
            }
            // Hours of another column than this mirror groups by say nothing about its groups: look at them all.
            Optional<Set<String>> groups = mirror.groupBy().filter(notice.column()::equals).isPresent()
                    ? notice.hours() : Optional.empty();
            Tags tags = Tags.of("mirror", name);
            metrics.counter("mirror.notifications", tags).increment();
            if (pending.add(name, groups, noticedNanos)) {
                metrics.counter("mirror.notifications.coalesced", tags).increment();
            }
        });
        scheduleRun(config.listen().debounce());
    }

    /** Every mirror, every group: after notifications may have been lost. */
    void everything() {
        long now = System.nanoTime();
        config.mirrors().keySet().forEach(name -> pending.add(name, Optional.empty(), now));
        scheduleRun(Duration.ZERO);
    }

    private synchronized void scheduleRun(Duration delay) {
        if (!scheduled && !runner.isShutdown()) {
            scheduled = true;
            runner.schedule(this::run, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        synchronized (this) {
            scheduled = false;
        }
        Map<String, PendingChanges.Pending> taken = pending.take();
        if (taken.isEmpty()) {
            return;
        }
        Map<String, Optional<Set<String>>> groups = new HashMap<>();
        taken.forEach((name, changes) -> groups.put(name, changes.groups()));
        boolean failed = false;
        try {
            List<MirrorResult> results = job.runChanged(groups);
            long done = System.nanoTime();
            for (MirrorResult result : results) {
                PendingChanges.Pending changes = taken.get(result.mirror());
                if (result.outcome() == MirrorResult.Outcome.FAILED) {
                    pending.putBack(result.mirror(), changes);
                    failed = true;
                } else {
                    changes.noticed().forEach(noticed -> freshness.get(result.mirror())
                            .record(done - noticed, TimeUnit.NANOSECONDS));
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf("A notified run failed: %s", e.getMessage());
            taken.forEach(pending::putBack);
            failed = true;
        }
        if (failed) {
            Duration delay = retry;
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            scheduleRun(delay);
        } else {
            retry = FIRST_RETRY;
        }
    }

    void stop(@Observes ShutdownEvent event) {
        runner.shutdown();
        try {
            runner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
