package com.summitlakehouse.ops.support;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.HttpServer;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to the management interface (health, metrics), which listens on a port of its own. */
public final class Management {

    private Management() {
    }

    /** The port the running test application's management interface was given (random in tests). */
    public static int port() {
        return Arc.container().instance(HttpServer.class).get().getManagementPort();
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }
}
