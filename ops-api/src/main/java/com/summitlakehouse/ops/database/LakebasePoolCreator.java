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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.OpenSSLEngineOptions;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the reactive pool with what Quarkus has no property for: the TCP connect timeout (Vert.x waits 60 s by
 * default, far past any useful answer), the wait queue, and a password read anew from the secret file for every new
 * connection (rotated passwords and short-lived tokens work without a restart; pooled connections keep theirs until
 * max-lifetime). Requests beyond the pool size queue for a connection instead of failing; the queue and the wait are
 * bounded so that an outage cannot pile up work without limit.
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

        /** The secret file holding the current password; absent: the configured password. */
        Optional<String> passwordFile();

        /** Connections kept open while idle (see IdleConnections); at most quarkus.datasource.reactive.max-size. */
        @WithDefault("1")
        int minSize();
    }

    private final Config config;
    private final String applicationName;

    LakebasePoolCreator(Config config, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.applicationName = applicationName;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions()
                .setMaxWaitQueueSize(config.maxWaitQueue())
                .setConnectionTimeout((int) config.acquireTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        // One server: Quarkus gives a list for multi-host URLs, which this service does not use.
        PgConnectOptions server = new PgConnectOptions(input.pgConnectOptionsList().get(0))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .addProperty("application_name", applicationName);
        if (OpenSSLEngineOptions.isAvailable()) {
            // BoringSSL's AES-GCM costs a fraction of the JDK's; where its native library is missing, the JDK serves.
            server.setSslEngineOptions(new OpenSSLEngineOptions());
        }
        Vertx vertx = input.vertx();
        Supplier<Future<SqlConnectOptions>> current = () -> config.passwordFile()
                .map(file -> vertx.fileSystem().readFile(file)
                        .map(content -> (SqlConnectOptions) new PgConnectOptions(server)
                                .setPassword(content.toString(StandardCharsets.UTF_8).strip()))
                        .otherwise(absent -> server))
                .orElseGet(() -> Future.succeededFuture(server));
        return PgBuilder.pool().with(pool).connectingTo(current).using(vertx).build();
    }
}
