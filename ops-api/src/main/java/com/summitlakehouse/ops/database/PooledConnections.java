package com.summitlakehouse.ops.database;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.sqlclient.impl.SocketConnectionBase;
import io.vertx.sqlclient.impl.SqlConnectionInternal;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Taking connections from the pool and giving them back, where Vert.x's own API falls short. */
final class PooledConnections {

    private PooledConnections() {
    }

    /**
     * A connection within {@code within}, or a {@link TimeoutException}. Vert.x's own acquire timeout fails with an
     * untyped "Timeout", and its timer on {@code pool.query()} fails a promise that is already complete after a
     * refused connect; and a plain Mutiny timeout would drop a connection that arrives late without giving it back.
     * Here a late connection goes straight back to the pool.
     */
    static Uni<SqlConnection> acquire(Pool pool, Vertx vertx, Duration within) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean answered = new AtomicBoolean();
            long timer = vertx.setTimer(within.toMillis(), id -> {
                if (answered.compareAndSet(false, true)) {
                    emitter.fail(new TimeoutException("no connection within " + within.toMillis() + " ms"));
                }
            });
            // A caller that goes away (the HTTP client hung up) must not leave the connection with nobody.
            emitter.onTermination(() -> {
                if (answered.compareAndSet(false, true)) {
                    vertx.cancelTimer(timer);
                }
            });
            pool.getConnection().subscribe().with(connection -> {
                vertx.cancelTimer(timer);
                // The server's last words on a connection it ends (57P01 "terminating connection") arrive here while
                // a request holds it; the request's own statement fails with them already, so nothing to print.
                connection.exceptionHandler(ignored -> { });
                if (answered.compareAndSet(false, true)) {
                    emitter.complete(connection);
                } else {
                    connection.closeAndForget();
                }
            }, failure -> {
                vertx.cancelTimer(timer);
                if (answered.compareAndSet(false, true)) {
                    emitter.fail(failure);
                }
            });
        });
    }

    /**
     * Runs {@code statement} on {@code connection} to its end whatever the caller does, failing it after
     * {@code timeout} without an answer (a half-open connection), then gives the connection back (or discards it,
     * see {@link #release}). A caller that cancels (an HTTP client that hung up) only stops waiting: cancelling the
     * statement itself would leave the connection taken for good.
     */
    static <T> Uni<T> runToEnd(SqlConnection connection, Uni<T> statement, Duration timeout) {
        Uni<T> released = statement
                .ifNoItem().after(timeout).failWith(() -> new TimeoutException(
                        "no answer within " + timeout.toMillis() + " ms"))
                .onItemOrFailure().call((item, failure) -> release(connection, failure))
                .memoize().indefinitely();
        released.subscribe().with(item -> { }, failure -> { });
        return released;
    }

    /**
     * Gives a connection back to the pool, or discards it when it failed as unavailable: a half-open connection must
     * not serve the next request, and a lost one is gone already.
     */
    static Uni<Void> release(SqlConnection connection, Throwable failure) {
        if (failure != null && DatabaseFailure.isUnavailable(failure)) {
            discard(connection);
            return Uni.createFrom().voidItem();
        }
        return connection.close().onFailure().recoverWithNull();
    }

    /**
     * Whether the connection's socket has closed: a statement sent on it fails with an untyped "Connection is not
     * active now", and this tells that the cause was the connection, not the statement.
     */
    static boolean isClosed(SqlConnection connection) {
        return connection.getDelegate() instanceof SqlConnectionInternal internal
                && internal.unwrap().unwrap() instanceof SocketConnectionBase socket
                && !socket.isValid();
    }

    /**
     * The calls into Vert.x SQL client internals (here and in isClosed): Vert.x 4.5 has no public way to take a
     * connection out of its pool ({@code close()} gives it back, healthy or not), so its socket is closed here, and
     * the pool drops it as it drops any connection the server closed.
     */
    private static void discard(SqlConnection connection) {
        if (connection.getDelegate() instanceof SqlConnectionInternal internal
                && internal.unwrap().unwrap() instanceof SocketConnectionBase socket) {
            socket.socket().close();
        } else {
            connection.closeAndForget();
        }
    }
}
