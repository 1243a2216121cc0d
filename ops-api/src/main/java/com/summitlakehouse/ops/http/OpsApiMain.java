package com.summitlakehouse.ops.http;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * ops-api's entry point. Quarkus's HTTP layer checks every URI before any route and answers a malformed one with a
 * bare 400 and no body; {@link MalformedUrls} answers the same requests as problem+json. The layer reads its
 * switch ({@code vertx.disableURIValidation}) once, as it loads: set here, before Quarkus starts, the behaviour no
 * longer depends on how the JVM was launched ({@code java -jar} included).
 */
@QuarkusMain
public class OpsApiMain {

    public static void main(String... args) {
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(args);
    }
}
