package com.summitlakehouse.ops.database;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.summitlakehouse.ops.support.Listening;
import com.summitlakehouse.ops.support.Metrics;
import com.summitlakehouse.ops.support.TcpProxy;
import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With ops.database.listen-url, the listening connection goes there (the database itself) and the requests' pool
 * keeps the datasource URL (a pooler, in production): here the listen URL is a proxy of its own, and only the
 * listener is on it.
 */
@QuarkusTest
@TestProfile(ListenUrlTest.DirectListenUrl.class)
class ListenUrlTest {

    static TcpProxy direct;

    /** A test resource: the proxy (and the test database it names) starts when the test runs, not at discovery. */
    public static class DirectProxy implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            direct = new TcpProxy(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT));
            return Map.of("ops.database.listen-url", "postgresql://127.0.0.1:" + direct.port() + "/${lakebase_db}");
        }

        @Override
        public void stop() {
            direct.close();
        }
    }

    public static class DirectListenUrl implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DirectProxy.class));
        }
    }

    @Test
    void theListenerAloneConnectsThroughTheListenUrl() throws Exception {
        Listening.await();
        assertEquals(1, direct.connections(), "the listening connection, and nothing of the requests' pool");
        // Cut there, the listener is away while requests are still answered through the datasource URL.
        direct.cut();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Metrics.sum("ops_public_changes_listening") != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, Metrics.sum("ops_public_changes_listening"));
        given().when().get("/api/v1/posts?limit=1").then().statusCode(200);
        direct.restore();
    }
}
