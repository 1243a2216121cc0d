package com.summitlakehouse.ops.database;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every statement of ops-api goes through here, so that database faults are handled once:
 * <ul>
 * <li>while the database is known to be away ({@link DatabaseAvailability}), a request is refused at once;</li>
 * <li>a connection that cannot be made yet (refused, or "the database is starting", 57P03) is tried again with
 * backoff for up to {@code ops.database.connect-timeout}: a database waking from scale-to-zero costs the first
 * request a wait, not an error;</li>
 * <li>a statement that does not answer within {@code ops.database.query-timeout} (a half-open connection: no reset,
 * no bytes) is abandoned and its connection discarded;</li>
 * <li>a statement whose pooled connection turns out to be dead (reset, terminated by an administrator) is sent
 * again on another connection until a live one answers, where that is safe: {@link #execute} is for statements
 * that may run twice (reads, the idempotent upsert, conditional moderation updates); {@link #executeOnce} never
 * re-sends.</li>
 * </ul>
 * What still fails as unavailable becomes a {@link DatabaseUnavailableException} (503); anything else is passed on
 * unchanged (a bug stays a 500).
 */
@ApplicationScoped
public class Database {

    private final Pool pool;
    private final DatabaseAvailability availability;
    private final DatabaseUse use;
    private final Vertx vertx;
    private final Duration connectTimeout;
    private final Duration acquireTimeout;
    private final Duration queryTimeout;
    private final int maxSize;

    Database(Pool pool, Vertx vertx, DatabaseAvailability availability, DatabaseUse use,
            LakebasePoolCreator.Config config,
            @ConfigProperty(name = "quarkus.datasource.reactive.max-size") int maxSize) {
        this.pool = pool;
        this.use = use;
        this.maxSize = maxSize;
        this.vertx = vertx;
        this.availability = availability;
        this.acquireTimeout = config.acquireTimeout();
        this.connectTimeout = config.connectTimeout();
        this.queryTimeout = config.queryTimeout();
    }

    /** Runs a statement that is safe to run twice; a dead pooled connection costs the caller nothing. */
    public Uni<RowSet<Row>> execute(String sql, Tuple params) {
        return withConnection(connection -> connection.preparedQuery(sql).execute(params), true, true);
    }

    /** Runs a statement that must not be sent twice (an INSERT without a natural key). */
    public Uni<RowSet<Row>> executeOnce(String sql, Tuple params) {
        return withConnection(connection -> connection.preparedQuery(sql).execute(params), false, true);
    }

    /**
     * Housekeeping of the service's own (forgetting expired rows): runs a statement that is safe to run twice only
     * while the service is in use ({@link DatabaseUse}), and does not count as use itself, so that it never keeps a
     * scale-to-zero database awake nor wakes it. Null when skipped.
     */
    public Uni<RowSet<Row>> executeWhileInUse(String sql, Tuple params) {
        if (!use.inUse()) {
            return Uni.createFrom().nullItem();
        }
        return withConnection(connection -> connection.preparedQuery(sql).execute(params), true, false);
    }

    /**
     * Runs {@code work} in one transaction. With {@code retryable}, the whole transaction is run again on a fresh
     * connection if its connection was lost: only for work whose effect is the same when it runs twice.
     */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work, boolean retryable) {
        // BEGIN goes out with the work's first statements (see inOwnTransaction), not as a round trip of its own.
        return inOwnTransaction(connection -> Uni.combine().all()
                .unis(connection.query("BEGIN").execute(), Uni.createFrom().deferred(() -> work.apply(connection)))
                .with((begun, done) -> done)
                .call(() -> connection.query("COMMIT").execute()), retryable);
    }

    /**
     * Runs {@code work} that opens and ends its own transaction with BEGIN and COMMIT of its own, so that they go
     * out pipelined with its statements (the client sends a connection's commands without waiting for answers);
     * Vert.x's own transactions hold every statement back until BEGIN has answered. Should the work fail, its
     * transaction is rolled back. With {@code retryable}, as {@link #inTransaction}.
     */
    public <T> Uni<T> inOwnTransaction(Function<SqlConnection, Uni<T>> work, boolean retryable) {
        return withConnection(connection -> work.apply(connection).onFailure().call(failure -> connection
                .query("ROLLBACK").execute().onFailure().recoverWithNull()), retryable, true);
    }

    private <T> Uni<T> withConnection(Function<SqlConnection, Uni<T>> work, boolean retryable, boolean request) {
        Uni<T> once = Uni.createFrom().deferred(() -> attempt(work));
        // Each dead connection found is discarded, so after at most pool-size more tries the pool has opened a
        // fresh one: a pool whose every connection was killed at once costs the request nothing either.
        Uni<T> guarded = retryable ? once.onFailure(Database::connectionLost).retry().atMost(maxSize) : once;
        return Uni.createFrom().deferred(() -> {
            if (request) {
                use.requestUses();
            }
            if (availability.isAway()) {
                return Uni.createFrom().failure(
                        new DatabaseUnavailableException(new DatabaseFailure(DatabaseFailure.Kind.NOT_ANSWERING,
                                "known to be away")));
            }
            return guarded;
        }).onFailure().transform(this::unavailableOrAsIs);
    }

    private <T> Uni<T> attempt(Function<SqlConnection, Uni<T>> work) {
        return connect().flatMap(connection -> PooledConnections.runToEnd(connection, work.apply(connection)
                .onFailure(failure -> !DatabaseFailure.isUnavailable(failure) && PooledConnections.isClosed(connection))
                .transform(failure -> new DatabaseUnavailableException(
                        new DatabaseFailure(DatabaseFailure.Kind.CONNECTION_LOST, "connection closed"))),
                queryTimeout));
    }

    /** A pooled connection, or a new one tried with backoff while the database cannot be connected to yet. */
    private Uni<SqlConnection> connect() {
        return PooledConnections.acquire(pool, vertx, acquireTimeout)
                .onFailure(failure -> failureIs(failure, DatabaseFailure.Kind.CANNOT_CONNECT) && !availability.isAway())
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).withJitter(0.2)
                .expireIn(connectTimeout.toMillis());
    }

    private Throwable unavailableOrAsIs(Throwable failure) {
        DatabaseFailure unavailable = DatabaseFailure.of(failure);
        if (unavailable == null) {
            return failure;
        }
        availability.markAway(unavailable);
        return failure instanceof DatabaseUnavailableException ? failure
                : new DatabaseUnavailableException(unavailable);
    }

    private static boolean connectionLost(Throwable failure) {
        return failureIs(failure, DatabaseFailure.Kind.CONNECTION_LOST);
    }

    private static boolean failureIs(Throwable failure, DatabaseFailure.Kind kind) {
        DatabaseFailure classified = DatabaseFailure.of(failure);
        return classified != null && classified.is(kind);
    }
}
