package com.summitlakehouse.ops.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.summitlakehouse.ops.support.TcpProxy;
import com.summitlakehouse.ops.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classifier against failures the PostgreSQL client really raises, captured from a real server and real sockets
 * (the machine's PostgreSQL, a proxy that resets, a port nobody listens on), plus the SQLSTATEs a test cannot make
 * a shared server raise (starting up, crash shutdown, too many connections).
 */
class DatabaseFailureTest {

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    static PgConnectOptions server(int port, String database) {
        return new PgConnectOptions().setHost(TestDatabase.HOST).setPort(port).setDatabase(database)
                .setUser(TestDatabase.USER).setPassword(TestDatabase.PASSWORD).setConnectTimeout(2000);
    }

    static Pool pool(PgConnectOptions options, PoolOptions pool) {
        return PgBuilder.pool().with(pool).connectingTo(options).using(vertx).build();
    }

    static Throwable failureOf(Future<?> future) throws Exception {
        try {
            future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        return fail("expected a failure");
    }

    static void assertKind(DatabaseFailure.Kind expected, Throwable failure) {
        DatabaseFailure classified = DatabaseFailure.of(failure);
        assertNotNull(classified, "unavailable: " + failure);
        assertEquals(expected, classified.kind(), failure.toString());
        // Wrapped as CompletableFutures and Mutiny wrap it, it is still recognised by its cause.
        assertEquals(expected, DatabaseFailure.of(new CompletionException(failure)).kind());
    }

    @Test
    void aRefusedConnectionIsCannotConnect() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Pool pool = pool(server(closedPort, "postgres"), new PoolOptions().setMaxSize(1));
        Throwable refused = failureOf(pool.getConnection());
        assertKind(DatabaseFailure.Kind.CANNOT_CONNECT, refused);
        assertEquals("connection refused", DatabaseFailure.of(refused).reason());
        pool.close();
    }

    @Test
    void aConnectionResetWhileIdleIsToldByItsState() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT))) {
            Pool pool = pool(server(proxy.port(), "postgres"), new PoolOptions().setMaxSize(1));
            SqlConnection connection = pool.getConnection().toCompletionStage().toCompletableFuture().get();
            proxy.reset();
            Thread.sleep(200);
            // Vert.x fails a statement on a connection it already saw close with an untyped "Connection is not
            // active now": the cause is told by the connection's state, which Database checks on such a failure.
            Throwable notActive = failureOf(connection.query("SELECT 1").execute());
            assertNull(DatabaseFailure.of(notActive), notActive.toString());
            assertTrue(PooledConnections.isClosed(io.vertx.mutiny.sqlclient.SqlConnection.newInstance(connection)));
            pool.close();
        }
    }

    @Test
    void aResetDuringAQueryIsConnectionLost() throws Exception {
        try (TcpProxy proxy = new TcpProxy(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT))) {
            Pool pool = pool(server(proxy.port(), "postgres"), new PoolOptions().setMaxSize(1));
            Future<?> sleeping = pool.query("SELECT pg_sleep(5)").execute();
            Thread.sleep(500);
            proxy.reset();
            Throwable reset = failureOf(sleeping);
            assertKind(DatabaseFailure.Kind.CONNECTION_LOST, reset);
            pool.close();
        }
    }

    @Test
    void aBackendTerminatedByAnAdministratorIsConnectionLost() throws Exception {
        Pool pool = pool(server(Integer.parseInt(TestDatabase.PORT), "postgres"), new PoolOptions().setMaxSize(1));
        SqlConnection connection = pool.getConnection().toCompletionStage().toCompletableFuture().get();
        connection.exceptionHandler(ignored -> { });
        int pid = connection.query("SELECT pg_backend_pid()").execute().toCompletionStage().toCompletableFuture()
                .get().iterator().next().getInteger(0);
        Future<?> sleeping = connection.query("SELECT pg_sleep(5)").execute();
        Thread.sleep(300);
        try (Connection admin = TestDatabase.SERVER.connect("postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
        Throwable terminated = failureOf(sleeping);
        assertKind(DatabaseFailure.Kind.CONNECTION_LOST, terminated);
        if (terminated instanceof PgException pg) {
            assertEquals("57P01", pg.getSqlState());
        }
        pool.close();
    }

    @Test
    void aMissingDatabaseIsLoginRefused() throws Exception {
        Pool pool = pool(server(Integer.parseInt(TestDatabase.PORT), "no_such_database_here"),
                new PoolOptions().setMaxSize(1));
        Throwable missing = failureOf(pool.getConnection());
        assertKind(DatabaseFailure.Kind.LOGIN_REFUSED, missing);
        pool.close();
    }

    @Test
    void aFullWaitQueueIsOverloaded() throws Exception {
        Pool pool = pool(server(Integer.parseInt(TestDatabase.PORT), "postgres"),
                new PoolOptions().setMaxSize(1).setMaxWaitQueueSize(0));
        SqlConnection held = pool.getConnection().toCompletionStage().toCompletableFuture().get();
        assertKind(DatabaseFailure.Kind.OVERLOADED, failureOf(pool.getConnection()));
        held.close();
        pool.close();
    }

    @Test
    void bugsAndBadDataAreNotUnavailability() throws Exception {
        Pool pool = pool(server(Integer.parseInt(TestDatabase.PORT), "postgres"), new PoolOptions().setMaxSize(1));
        assertNull(DatabaseFailure.of(failureOf(pool.query("SELEKT 1").execute())), "a syntax error is a bug");
        assertNull(DatabaseFailure.of(failureOf(pool.query("SELECT 1 / 0").execute())));
        assertNull(DatabaseFailure.of(failureOf(pool.query("SELECT * FROM no_such_table").execute())));
        assertNull(DatabaseFailure.of(new IllegalStateException("a bug")));
        assertNull(DatabaseFailure.of(new NullPointerException()));
        pool.close();
    }

    @Test
    void theServerSayingItCannotServeIsUnavailable() {
        assertKind(DatabaseFailure.Kind.CANNOT_CONNECT, pg("57P03", "the database system is starting up"));
        assertKind(DatabaseFailure.Kind.CANNOT_CONNECT, pg("53300", "sorry, too many clients already"));
        assertKind(DatabaseFailure.Kind.CONNECTION_LOST, pg("57P02", "terminating connection because of crash"));
        assertKind(DatabaseFailure.Kind.CONNECTION_LOST, pg("08006", "connection failure"));
        assertKind(DatabaseFailure.Kind.LOGIN_REFUSED, pg("28P01", "password authentication failed"));
        assertNull(DatabaseFailure.of(pg("23505", "duplicate key")));
        assertNull(DatabaseFailure.of(pg("57014", "canceling statement due to statement timeout")));
    }

    @Test
    void ourOwnTimeoutsAreNotAnswering() {
        assertKind(DatabaseFailure.Kind.NOT_ANSWERING, new TimeoutException("no answer within 5000 ms"));
        assertEquals("no answer within 5000 ms",
                DatabaseFailure.of(new TimeoutException("no answer within 5000 ms")).reason());
    }

    private static PgException pg(String state, String message) {
        return new PgException(message, "FATAL", state, null);
    }
}
