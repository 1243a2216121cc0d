package com.summitlakehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The choice of the tests' PostgreSQL, on stand-ins for the environment, the local server and Docker. */
class TestPostgresTest {

    static final TestPostgres.Server CONTAINER =
            new TestPostgres.Server("localhost", 49153, "postgres", "postgres", TestPostgres.Origin.CONTAINER);

    @Test
    void theEnvironmentWinsAndNothingIsProbed() {
        TestPostgres.Server server = TestPostgres.choose(
                Map.of("TEST_PG_HOST", "db.internal", "TEST_PG_PORT", "6543", "TEST_PG_PASSWORD", "s3cret"),
                local -> { throw new AssertionError("the local server is not probed"); },
                () -> { throw new AssertionError("Docker is not asked"); },
                () -> { throw new AssertionError("no container is started"); });
        assertEquals(new TestPostgres.Server("db.internal", 6543, "postgres", "s3cret",
                TestPostgres.Origin.ENVIRONMENT), server);
        assertTrue(server.prepared());
    }

    @Test
    void elseTheLocalServerWhenItAnswers() {
        TestPostgres.Server server = TestPostgres.choose(Map.of(), local -> local.port() == 5432,
                () -> { throw new AssertionError("Docker is not asked"); },
                () -> { throw new AssertionError("no container is started"); });
        assertEquals(TestPostgres.Origin.LOCAL, server.origin());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/x", server.jdbcUrl("x"));
    }

    @Test
    void elseAContainerWhenDockerIsThere() {
        TestPostgres.Server server = TestPostgres.choose(Map.of("TEST_PG_HOST", " "), local -> false, () -> true,
                () -> CONTAINER);
        assertEquals(CONTAINER, server);
        assertFalse(server.prepared(), "a container has no TLS or password logins set up");
    }

    @Test
    void elseOneMessageNamingTheThreeWays() {
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> TestPostgres.choose(Map.of(), local -> false, () -> false, () -> CONTAINER));
        assertTrue(none.getMessage().contains("TEST_PG_HOST"), none.getMessage());
        assertTrue(none.getMessage().contains("127.0.0.1:5432"), none.getMessage());
        assertTrue(none.getMessage().contains("Docker"), none.getMessage());
    }
}
