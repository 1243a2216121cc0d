package com.summitlakehouse.ops.database;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Whether the database is known to be away. Once a request (after its retries) has found it unreachable, new requests
 * are answered 503 at once instead of each waiting out connect and acquire timeouts, and readiness says DOWN; a probe
 * then asks the database every {@code ops.database.probe-interval} and lifts the state when it answers. Nothing else
 * asks the database: while it is not known to be away, it is taken to be there.
 *
 * <p>An outage is logged once when it starts, as a summary every {@code ops.database.outage-summary-every} while it
 * lasts, and once when it ends: a handful of lines, however many requests it turned away.
 */
@ApplicationScoped
public class DatabaseAvailability {

    private static final Logger LOG = Logger.getLogger(DatabaseAvailability.class);

    /** What is known about the current outage; null while the database is available. */
    private record Outage(long startedNanos, String reason) {
    }

    private final AtomicReference<Outage> outage = new AtomicReference<>();
    private final AtomicLong refusedDuringOutage = new AtomicLong();
    private final AtomicLong refusedTotal = new AtomicLong();
    /** When the last summary line was written; only the probe, one timer at a time, reads and writes it. */
    private long lastSummaryNanos;
    private final Pool pool;
    private final Vertx vertx;
    private final LakebasePoolCreator.Config config;

    DatabaseAvailability(Pool pool, Vertx vertx, LakebasePoolCreator.Config config, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        registry.gauge("ops.database.available", this, availability -> availability.isAway() ? 0 : 1);
        registry.more().counter("ops.database.unavailable.answers", java.util.List.of(), refusedTotal);
    }

    public boolean isAway() {
        return outage.get() != null;
    }

    /** Why the database is known to be away; empty while it is not. */
    public Optional<String> awayBecause() {
        return Optional.ofNullable(outage.get()).map(Outage::reason);
    }

    /**
     * Asks the database whether it answers, past the fail-fast, and records what it found: the outage probe. Fails
     * with the failure when it does not answer within {@code timeout}.
     */
    Uni<Void> ping(Duration timeout) {
        return PooledConnections.acquire(pool, vertx, timeout)
                .flatMap(connection -> PooledConnections.runToEnd(connection, connection.query("SELECT 1").execute(),
                        timeout))
                .invoke(this::markAvailable)
                .onFailure().invoke(failure -> {
                    DatabaseFailure unavailable = DatabaseFailure.of(failure);
                    if (unavailable != null) {
                        markAway(unavailable);
                    }
                })
                .replaceWithVoid();
    }

    /**
     * The database was found unreachable: from now on requests are refused at once until the probe succeeds. Two
     * kinds of failure say too little for that: a full wait queue (this instance is saturated, the database may be
     * fine) and one lost connection (one backend terminated, one connection cut by a NAT); the next attempt to
     * connect tells whether the database is really away.
     */
    public void markAway(DatabaseFailure failure) {
        if (failure.is(DatabaseFailure.Kind.OVERLOADED) || failure.is(DatabaseFailure.Kind.CONNECTION_LOST)) {
            return;
        }
        Outage started = new Outage(System.nanoTime(), failure.reason());
        if (outage.compareAndSet(null, started)) {
            refusedDuringOutage.set(0);
            LOG.warnf("Database unavailable (%s): answering 503 until it answers again", failure.reason());
            probeLater(started);
        }
    }

    /** The database answered. */
    public void markAvailable() {
        Outage ended = outage.getAndSet(null);
        if (ended != null) {
            LOG.infof("Database available again after %d s (%d requests answered 503)",
                    seconds(System.nanoTime() - ended.startedNanos()), refusedDuringOutage.get());
        }
    }

    /** A request was answered 503 because the database is unavailable. */
    public void countUnavailableAnswer() {
        refusedDuringOutage.incrementAndGet();
        refusedTotal.incrementAndGet();
    }

    private void probeLater(Outage current) {
        vertx.setTimer(config.probeInterval().toMillis(), timer -> probe(current));
    }

    private void probe(Outage current) {
        if (outage.get() != current) {
            return; // a timer of an outage that has ended
        }
        summariseIfDue(current);
        ping(config.probeTimeout()).subscribe().with(
                answered -> { },
                failure -> probeLater(current));
    }

    private void summariseIfDue(Outage current) {
        long now = System.nanoTime();
        long every = config.outageSummaryEvery().toNanos();
        long since = Math.max(current.startedNanos(), lastSummaryNanos);
        if (now - since >= every) {
            lastSummaryNanos = now;
            LOG.warnf("Database still unavailable after %d s (%s; %d requests answered 503 so far)",
                    seconds(now - current.startedNanos()), current.reason(), refusedDuringOutage.get());
        }
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }
}
