package com.summitlakehouse.ops.database;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps {@code ops.database.min-size} connections open (Vert.x pools have no minimum) while the service is in use
 * ({@link DatabaseUse}): a round at half the idle timeout (or of quiet-after, whichever is shorter) holds them, which
 * opens any that are missing (cut by a restart, a failover, an administrator) and keeps the pool's idle timeout from
 * closing them, so that the next request does not wait for TCP, TLS and authentication. Nothing is opened at
 * start-up, nor after a quiet spell: a scale-to-zero database closes idle connections when it suspends, and a new
 * connection would wake it for nobody. The first request after that opens what it needs (Database waits out the
 * wake-up). A round sends no statement.
 */
@ApplicationScoped
class IdleConnections {

    private static final Logger LOG = Logger.getLogger(IdleConnections.class);

    private final Pool pool;
    private final Vertx vertx;
    private final DatabaseUse use;
    private final int minSize;
    private final Duration idleTimeout;

    IdleConnections(Pool pool, Vertx vertx, DatabaseUse use, LakebasePoolCreator.Config config,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size") int maxSize,
            @ConfigProperty(name = "quarkus.datasource.reactive.idle-timeout") Duration idleTimeout) {
        if (config.minSize() < 0 || config.minSize() > maxSize) {
            throw new IllegalArgumentException("ops.database.min-size must be between 0 and "
                    + "quarkus.datasource.reactive.max-size (" + maxSize + "), not " + config.minSize());
        }
        this.pool = pool;
        this.vertx = vertx;
        this.use = use;
        this.minSize = config.minSize();
        this.idleTimeout = idleTimeout;
    }

    void start(@Observes StartupEvent event) {
        if (minSize > 0) {
            vertx.setPeriodic(roundEvery().toMillis(), timer -> {
                if (use.inUse()) {
                    keepOpen();
                }
            });
        }
    }

    /**
     * Half the idle timeout, so that kept connections never expire while in use, and at most half of quiet-after,
     * so that a connection cut during use is back before the next request; without an idle timeout (zero), half of
     * quiet-after.
     */
    private Duration roundEvery() {
        Duration span = idleTimeout.isZero() || idleTimeout.compareTo(use.quietAfter()) > 0 ? use.quietAfter()
                : idleTimeout;
        return Duration.ofMillis(Math.max(1, span.toMillis() / 2));
    }

    /** Holds min-size connections at once, which makes the pool open any that are missing, then gives them back. */
    private void keepOpen() {
        List<Future<SqlConnection>> held = new ArrayList<>();
        for (int i = 0; i < minSize; i++) {
            held.add(pool.getConnection());
        }
        Future.join(held).onComplete(all -> {
            held.stream().filter(Future::succeeded).forEach(connection -> connection.result().close());
            if (all.failed()) {
                LOG.debugf("Keeping %d connection(s) open failed: %s", minSize, all.cause().getMessage());
            }
        });
    }
}
