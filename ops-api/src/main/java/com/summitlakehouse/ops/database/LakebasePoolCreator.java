package com.summitlakehouse.ops.database;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds the reactive pool with the two bounds Quarkus has no property for: the TCP connect timeout (Vert.x waits
 * 60 s by default, far past any useful answer) and the wait queue. Requests beyond the pool size queue for a
 * connection instead of failing; the queue and the wait are bounded so an outage cannot pile up work without limit.
 */
@Singleton
public class LakebasePoolCreator implements PgPoolCreator {

    @ConfigMapping(prefix = "ops.database")
    public interface Config {
        /** Longest wait for a new TCP connection to the database. */
        @WithDefault("10S")
        Duration connectTimeout();

        /** Longest wait of a request for a free pooled connection. */
        @WithDefault("10S")
        Duration acquireTimeout();

        /** Requests that may wait for a connection at once; beyond it they are refused with 503. */
        @WithDefault("10000")
        int maxWaitQueue();
    }

    private final Config config;

    LakebasePoolCreator(Config config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions()
                .setMaxWaitQueueSize(config.maxWaitQueue())
                .setConnectionTimeout((int) config.acquireTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<SqlConnectOptions> servers = input.pgConnectOptionsList().stream()
                .map(options -> (SqlConnectOptions) new PgConnectOptions(options)
                        .setConnectTimeout((int) config.connectTimeout().toMillis()))
                .toList();
        return PgBuilder.pool().with(pool).connectingTo(servers).using(input.vertx()).build();
    }
}
