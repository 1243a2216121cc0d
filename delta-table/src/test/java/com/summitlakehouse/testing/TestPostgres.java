package com.summitlakehouse.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The PostgreSQL server the test suites use, chosen once per JVM: the server that {@code TEST_PG_HOST},
 * {@code TEST_PG_PORT}, {@code TEST_PG_USER} and {@code TEST_PG_PASSWORD} name when any is set; else the machine's
 * own on 127.0.0.1:5432 when it answers; else a PostgreSQL 15 container through Testcontainers when Docker is
 * available; else the suites fail with one message naming the three ways to give them one. Each suite creates its
 * own database on it and drops it afterwards.
 */
public final class TestPostgres {

    /** Where a server came from: only a server that someone prepared has TLS and password logins set up. */
    public enum Origin { ENVIRONMENT, LOCAL, CONTAINER }

    public record Server(String host, int port, String user, String password, Origin origin) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(database), user, password);
        }

        /**
         * Prepared as {@code deploy/local/postgres.sh} prepares the machine's server (TLS on, password logins for
         * the rotation tests); a throwaway container is not.
         */
        public boolean prepared() {
            return origin != Origin.CONTAINER;
        }
    }

    static final String NONE = "No PostgreSQL for the tests. Give them one of: (1) TEST_PG_HOST, TEST_PG_PORT, "
            + "TEST_PG_USER and TEST_PG_PASSWORD naming a server; (2) a PostgreSQL on 127.0.0.1:5432 that user postgres "
            + "may use without a password (deploy/local/postgres.sh prepares the machine's own); (3) a running Docker, "
            + "for a PostgreSQL 15 container through Testcontainers.";

    private static Server chosen;

    private TestPostgres() {
    }

    public static synchronized Server server() {
        if (chosen == null) {
            chosen = choose(System.getenv(), TestPostgres::answers, TestPostgres::dockerAvailable,
                    TestPostgres::startContainer);
            makeGroupRoles(chosen);
        }
        return chosen;
    }

    /**
     * The group roles the migrations grant to are the server's, not a database's: on a new server, suites of two
     * modules migrating at once (a parallel build) would both find them missing and one would fail to create them.
     * So they are made here first, one JVM at a time.
     */
    private static void makeGroupRoles(Server server) {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_lock(5432001)");
            for (String role : List.of("summit_api", "summit_mirror")) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                        + "CREATE ROLE " + role + " NOLOGIN; END IF; END $$");
            }
            s.execute("SELECT pg_advisory_unlock(5432001)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not make the group roles on " + server.host() + ":" + server.port() + ": " + e.getMessage(), e);
        }
    }

    static Server choose(Map<String, String> env, Predicate<Server> answers, BooleanSupplier dockerAvailable,
            Supplier<Server> container) {
        if (set(env, "TEST_PG_HOST") || set(env, "TEST_PG_PORT") || set(env, "TEST_PG_USER")) {
            return new Server(env.getOrDefault("TEST_PG_HOST", "127.0.0.1"),
                    Integer.parseInt(set(env, "TEST_PG_PORT") ? env.get("TEST_PG_PORT") : "5432"),
                    set(env, "TEST_PG_USER") ? env.get("TEST_PG_USER") : "postgres",
                    env.getOrDefault("TEST_PG_PASSWORD", ""), Origin.ENVIRONMENT);
        }
        Server local = new Server("127.0.0.1", 5432, "postgres", "", Origin.LOCAL);
        if (answers.test(local)) {
            return local;
        }
        if (dockerAvailable.getAsBoolean()) {
            return container.get();
        }
        throw new IllegalStateException(NONE);
    }

    private static boolean set(Map<String, String> env, String key) {
        return env.get(key) != null && !env.get(key).isBlank();
    }

    private static boolean answers(Server server) {
        DriverManager.setLoginTimeout(3);
        try (Connection ignored = server.connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Started once and left to Testcontainers' reaper, which removes it when the JVM ends. */
    private static Server startContainer() {
        var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:15")
                .withUsername("postgres").withPassword("postgres");
        container.start();
        return new Server(container.getHost(), container.getMappedPort(5432), container.getUsername(),
                container.getPassword(), Origin.CONTAINER);
    }
}
