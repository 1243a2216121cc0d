package com.summitlakehouse.ops.support;

import static io.restassured.RestAssured.given;

/** Reads ops-api's own Prometheus metrics, as Prometheus scrapes them. */
public final class Metrics {

    private Metrics() {
    }

    /** The whole exposition text. */
    public static String scrape() {
        return Management.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of every sample of {@code name} whose labels contain each of {@code labels} (e.g. cache="top-posts"). */
    public static double sum(String name, String... labels) {
        double total = 0;
        for (String line : scrape().lines().toList()) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
                continue;
            }
            boolean matches = true;
            for (String label : labels) {
                matches &= line.contains(label);
            }
            if (matches) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
