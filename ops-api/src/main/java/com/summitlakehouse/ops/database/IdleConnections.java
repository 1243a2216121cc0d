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
 * Keeps {@code ops.database.min-size} connections open (Vert.x pools have no minimum): they are opened at start-up
 * and used again at half the idle timeout, so the first request after a quiet spell does not wait for TCP, TLS and
 * authentication. If the database is away, the next round tries again.
 */
@ApplicationScoped
class IdleConnections {

    private static final Logger LOG = Logger.getLogger(IdleConnections.class);

    private final Pool pool;
    private final Vertx vertx;
    private final int minSize;
    private final Duration idleTimeout;

    IdleConnections(Pool pool, Vertx vertx, LakebasePoolCreator.Config config,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size") int maxSize,
            @ConfigProperty(name = "quarkus.datasource.reactive.idle-timeout") Duration idleTimeout) {
        if (config.minSize() < 0 || config.minSize() > maxSize) {
            throw new IllegalArgumentException("ops.database.min-size must be between 0 and "
                    + "quarkus.datasource.reactive.max-size (" + maxSize + "), not " + config.minSize());
        }
        this.pool = pool;
        this.vertx = vertx;
        this.minSize = config.minSize();
        this.idleTimeout = idleTimeout;
    }

    void start(@Observes StartupEvent event) {
        if (minSize > 0) {
            keepOpen();
            vertx.setPeriodic(roundEvery().toMillis(), timer -> keepOpen());
        }
    }

    /**
     * Half the idle timeout, so that kept connections never expire; without an idle timeout (zero) connections only
     * go when the database drops them, and a round a minute opens them again.
     */
    private Duration roundEvery() {
        if (idleTimeout.isZero()) {
            return Duration.ofMinutes(1);
        }
        return Duration.ofMillis(Math.max(1, idleTimeout.toMillis() / 2));
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
