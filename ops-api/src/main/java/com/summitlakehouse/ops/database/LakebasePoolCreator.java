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
        /**
         * Longest wait for a connection to the database: refused connections and "the database is starting" (57P03)
         * are tried again with backoff within it, so a database waking from scale-to-zero is waited for.
         */
        @WithDefault("5S")
        Duration connectTimeout();

        /**
         * Longest wait for a statement's answer. Past it the statement is abandoned (503) and its connection
         * discarded: a half-open connection (no reset, no bytes) would otherwise hold the request for minutes.
         */
        @WithDefault("5S")
        Duration queryTimeout();

        /**
         * While the database is known to be away, how often it is asked whether it is back: requests are refused
         * until then, so this bounds how long a recovered database still sees 503s.
         */
        @WithDefault("500MS")
        Duration probeInterval();

        /** How long that question waits for an answer. */
        @WithDefault("2S")
        Duration probeTimeout();

        /** While an outage lasts, a summary line this often. */
        @WithDefault("30S")
        Duration outageSummaryEvery();

        /**
         * TCP keep-alive on database connections: probes after this much silence find connections a NAT or a
         * failover dropped without a word, before a request pays for them. The kernel also gives up on data left
         * unacknowledged this long (TCP_USER_TIMEOUT). Needs the native (epoll) transport.
         */
        @WithDefault("30S")
        Duration keepAliveIdle();

        /** Longest wait of a request for a free pooled connection. */
        @WithDefault("10S")
        Duration acquireTimeout();

        /** Requests that may wait for a connection at once; beyond it they are refused with 503. */
        @WithDefault("10000")
        int maxWaitQueue();

        /** The secret file holding the current password; absent: the configured password. */
        Optional<String> passwordFile();

        /**
         * Connections kept open between requests while the service is in use (see IdleConnections); at most
         * quarkus.datasource.reactive.max-size.
         */
        @WithDefault("1")
        int minSize();

        /**
         * A spell this long without a request using the database is quiet (see DatabaseUse): from then on ops-api
         * neither sends a statement nor opens a connection of its own accord, so that a scale-to-zero database may
         * suspend. At most the database's own suspend timeout.
         */
        @WithDefault("5M")
        Duration quietAfter();

        /**
         * Where PublicChangesListener LISTENs, when the datasource URL goes through a transaction-mode pooler
         * (PgBouncer, Neon's "-pooler" host), which accepts LISTEN and forwards nothing: the database itself, as
         * {@code postgresql://host:port/database}. Credentials and TLS are the datasource's. Absent: the datasource URL.
         */
        Optional<String> listenUrl();
    }

    /** Longer than any statement of ours (PreparedStatementCacheTest checks). */
    static final int PREPARED_STATEMENT_CACHE_SQL_LIMIT = 8192;

    private final Config config;
    private final String applicationName;
    /** Set when the pool is built: the server's options with the password current at each call. */
    private volatile Supplier<Future<SqlConnectOptions>> current;

    LakebasePoolCreator(Config config, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.applicationName = applicationName;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = input.poolOptions()
                .setMaxWaitQueueSize(config.maxWaitQueue())
                // The acquire timeout is kept by PooledConnections, which gives late connections back.
                .setConnectionTimeout(0);
        // One server: Quarkus gives a list for multi-host URLs, which this service does not use.
        PgConnectOptions server = new PgConnectOptions(input.pgConnectOptionsList().get(0))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setTcpKeepAlive(true)
                // Vert.x caches only statements up to 2,048 characters by default; a longer one (the submission
                // batch) would be parsed and planned anew at every execution.
                .setPreparedStatementCacheSqlLimit(PREPARED_STATEMENT_CACHE_SQL_LIMIT)
                .addProperty("application_name", applicationName);
        int idleSeconds = (int) Math.max(1, config.keepAliveIdle().toSeconds());
        server.setTcpKeepAliveIdleSeconds(idleSeconds);
        server.setTcpKeepAliveIntervalSeconds(Math.max(1, idleSeconds / 3));
        server.setTcpKeepAliveCount(3);
        server.setTcpUserTimeout(idleSeconds * 1000);
        if (OpenSSLEngineOptions.isAvailable()) {
            // BoringSSL's AES-GCM costs a fraction of the JDK's; where its native library is missing, the JDK serves.
            server.setSslEngineOptions(new OpenSSLEngineOptions());
        }
        Vertx vertx = input.vertx();
        current = () -> config.passwordFile()
                .map(file -> vertx.fileSystem().readFile(file)
                        .map(content -> (SqlConnectOptions) new PgConnectOptions(server)
                                .setPassword(content.toString(StandardCharsets.UTF_8).strip()))
                        .otherwise(absent -> server))
                .orElseGet(() -> Future.succeededFuture(server));
        return PgBuilder.pool().with(pool).connectingTo(current).using(vertx).build();
    }

    /**
     * A pool of one connection for PublicChangesListener, apart from the requests' pool: the same server, TLS,
     * keep-alive and application name, and the password read anew for each connection. A pool rather than one
     * PgConnection.connect per attempt: each of those makes a client of its own that a failed attempt leaves behind
     * until its context closes, after the event loops have stopped.
     */
    Pool listenerPool(Vertx vertx) {
        Supplier<Future<SqlConnectOptions>> options = current;
        if (options == null) {
            throw new IllegalStateException("the database pool is not built yet");
        }
        Supplier<Future<SqlConnectOptions>> listening = config.listenUrl().map(url -> {
            PgConnectOptions direct = PgConnectOptions.fromUri(url);
            return (Supplier<Future<SqlConnectOptions>>) () -> options.get()
                    .map(server -> (SqlConnectOptions) new PgConnectOptions((PgConnectOptions) server)
                            .setHost(direct.getHost()).setPort(direct.getPort()).setDatabase(direct.getDatabase()));
        }).orElse(options);
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setMaxWaitQueueSize(1))
                .connectingTo(listening).using(vertx).build();
    }
}
