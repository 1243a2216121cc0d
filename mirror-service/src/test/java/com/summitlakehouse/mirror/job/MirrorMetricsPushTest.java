package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A --once run pushes its metrics to the Pushgateway before it exits: one PUT of the mirror's series in the text
 * exposition format to /metrics/job/mirror-service. The gateway here is an HTTP listener that records what it is
 * sent (no Pushgateway binary is available on this machine).
 */
@QuarkusMainTest
@TestProfile(MirrorMetricsPushTest.WithGateway.class)
class MirrorMetricsPushTest {

    record Push(String method, String path, String contentType, String body) {
    }

    static final List<Push> PUSHES = new CopyOnWriteArrayList<>();
    static final HttpServer GATEWAY = gateway();

    static HttpServer gateway() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                PUSHES.add(new Push(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            // The profile's resource may live in another class loader: the address travels as a system property.
            System.setProperty("summit.test.pushgateway", "http://127.0.0.1:" + server.getAddress().getPort());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class Gateway implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("mirror.metrics-push-url", System.getProperty("summit.test.pushgateway"));
        }

        @Override
        public void stop() {
        }
    }

    public static class WithGateway implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Gateway.class));
        }
    }

    @Test
    void aOnceRunPushesItsMetricsBeforeItExits(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--once");
        assertEquals(0, result.exitCode(), result.getOutput());
        assertEquals(1, PUSHES.size(), "one push per run: " + PUSHES);
        Push push = PUSHES.get(0);
        assertEquals("PUT", push.method(), "PUT replaces the last run's group");
        assertEquals("/metrics/job/mirror-service", push.path());
        assertTrue(push.contentType().startsWith("text/plain; version=0.0.4"), push.contentType());
        assertTrue(push.body().matches("(?s).*mirror_rows\\{mirror=\"social_posts\",?} \\d.*"), push.body());
        assertTrue(push.body().matches("(?s).*mirror_last_success_seconds\\{mirror=\"qa_published\",?} \\d.*"),
                push.body());
        assertTrue(push.body().lines().allMatch(line -> line.isEmpty() || line.startsWith("mirror_")
                || line.startsWith("# HELP mirror_") || line.startsWith("# TYPE mirror_")),
                "only the mirror's own series: " + push.body());
        GATEWAY.stop(0);
    }
}
