package com.summitlakehouse.ops.database;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When a request last needed the database. A scale-to-zero database (Neon, Lakebase) suspends only after minutes
 * without a statement and then closes idle connections; a statement or a new connection wakes it. So whatever
 * ops-api does of its own accord (keeping pooled connections open, reconnecting its listener, housekeeping) happens
 * only while the service is in use: a request used the database within {@code ops.database.quiet-after}. After a
 * quiet spell nothing is sent and nothing is opened until a request needs the database again.
 *
 * <p>Probes and housekeeping never count as use: only requests do.
 */
@ApplicationScoped
public class DatabaseUse {

    private final long quietAfterNanos;
    private final List<Runnable> onUse = new CopyOnWriteArrayList<>();
    /** System.nanoTime() of the last use; starts quiet, so that nothing is opened before the first request. */
    private volatile long lastUseNanos;
    private volatile boolean used;

    DatabaseUse(LakebasePoolCreator.Config config) {
        if (config.quietAfter().isZero() || config.quietAfter().isNegative()) {
            throw new IllegalArgumentException("ops.database.quiet-after must be positive, not " + config.quietAfter());
        }
        this.quietAfterNanos = config.quietAfter().toNanos();
    }

    /** A request is about to use the database (or just did): the service is in use. */
    public void requestUses() {
        lastUseNanos = System.nanoTime();
        used = true;
        for (Runnable listener : onUse) {
            listener.run();
        }
    }

    /** Whether a request used the database within quiet-after. */
    public boolean inUse() {
        return used && System.nanoTime() - lastUseNanos < quietAfterNanos;
    }

    public Duration quietAfter() {
        return Duration.ofNanos(quietAfterNanos);
    }

    /** Runs {@code listener} on every use, on the caller's thread: it must be cheap and must not block. */
    void onEveryUse(Runnable listener) {
        onUse.add(listener);
    }

    /**
     * Housekeeping that rides on requests: {@code task} runs beside a request's use of the database, at most once
     * every {@code every} (the first one interval after start-up), never on a timer of its own. So the database sees
     * no statement of ours after the last request, and suspends a full quiet spell after it. {@code task} runs on the
     * request's thread: it must only start its work, not wait for it.
     */
    public void onUseAtMostEvery(Duration every, Runnable task) {
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("a housekeeping interval must be positive, not " + every);
        }
        long interval = every.toNanos();
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        onEveryUse(() -> {
            long now = System.nanoTime();
            long previous = last.get();
            if (now - previous >= interval && last.compareAndSet(previous, now)) {
                task.run();
            }
        });
    }
}
