package com.summitlakehouse.mirror.job;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Hands a {@code --once} run's metrics to a Prometheus Pushgateway, where Prometheus users look for batch jobs'
 * metrics: the process is gone before any scrape could reach it. One PUT per run replaces the previous run's group
 * ({@code job="mirror-service"}), so the gateway always holds the last run's figures. A push that fails is logged
 * and does not fail the run: the data is what the run is for.
 */
final class MetricsPush {

    private static final Logger LOG = Logger.getLogger(MetricsPush.class);

    private final URI group;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    MetricsPush(String gatewayUrl) {
        this.group = URI.create(gatewayUrl.replaceAll("/+$", "") + "/metrics/job/mirror-service");
    }

    /** The mirror's own series (mirror_*), in the text exposition format the gateway takes. */
    static String exposition(PrometheusMeterRegistry registry) {
        return registry.scrape().lines()
                .filter(line -> line.startsWith("mirror_") || line.startsWith("# HELP mirror_")
                        || line.startsWith("# TYPE mirror_"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    boolean push(PrometheusMeterRegistry registry) {
        HttpRequest request = HttpRequest.newBuilder(group).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain; version=0.0.4")
                .PUT(HttpRequest.BodyPublishers.ofString(exposition(registry))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                return true;
            }
            LOG.warnf("Pushing the run's metrics to %s answered %d: %s", group, response.statusCode(),
                    response.body());
        } catch (IOException e) {
            LOG.warnf("Pushing the run's metrics to %s failed: %s", group, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
