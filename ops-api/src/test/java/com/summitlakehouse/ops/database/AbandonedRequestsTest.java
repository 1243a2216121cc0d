package com.summitlakehouse.ops.database;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Clients that hang up while their statement runs (a browser tab closed, a load generator stopping) must not take
 * pooled connections with them: the statement runs to its end and its connection goes back to the pool.
 */
@QuarkusTest
class AbandonedRequestsTest {

    @Test
    void connectionsOfAbandonedRequestsGoBackToThePool() throws Exception {
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            // Every read of social_posts waits behind this lock, so the requests below are in flight when abandoned.
            admin.setAutoCommit(false);
            statement.execute("LOCK TABLE social_posts IN ACCESS EXCLUSIVE MODE");
            List<Socket> abandoned = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket("127.0.0.1", RestAssured.port);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /api/v1/posts?limit=" + (i % 5 + 1) + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                abandoned.add(socket);
            }
            Thread.sleep(500);
            for (Socket socket : abandoned) {
                socket.close();
            }
            Thread.sleep(300);
            admin.rollback();
        }
        // More requests than the pool has connections, each of which needs one.
        for (int i = 0; i < 20; i++) {
            assertEquals(200, given().when().get("/api/v1/posts?limit=3").then().extract().statusCode(),
                    "request " + i + " after the abandoned ones");
        }
    }
}
