package com.summitlakehouse.ops.support;

import static io.restassured.RestAssured.given;

/**
 * Waits until the running test application listens for public changes (its gauge ops_public_changes_listening is 1).
 * The listener connects when a request first needs the database, so a request goes first.
 */
public final class Listening {

    private Listening() {
    }

    public static void await() throws InterruptedException {
        given().when().get("/api/v1/posts?limit=1").then().statusCode(200);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Metrics.sum("ops_public_changes_listening") != 1) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not listening for public changes within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
