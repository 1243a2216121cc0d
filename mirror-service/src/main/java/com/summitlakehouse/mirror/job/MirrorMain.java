package com.summitlakehouse.mirror.job;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code --once}: run every mirror once and exit (0 when each was mirrored or unchanged, 1 when any failed), as a
 * Kubernetes CronJob does, pushing the run's metrics to a Pushgateway when {@code mirror.metrics-push-url} is set;
 * {@code --once --full} rewrites every table whole.
 * Without it: stay up and mirror on the schedule, metrics scraped at /q/metrics.
 */
@QuarkusMain
public class MirrorMain implements QuarkusApplication {

    @Inject
    MirrorJob job;

    @Inject
    OnceMode mode;

    @Inject
    MirrorConfig config;

    @Inject
    PrometheusMeterRegistry metrics;

    public static void main(String... args) {
        Quarkus.run(MirrorMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (!mode.active()) {
            Quarkus.waitForExit();
            return 0;
        }
        List<MirrorResult> results = job.runAll(mode.full(), MirrorJob.Trigger.ONCE);
        // The process ends with the run: its metrics reach Prometheus through the gateway, or not at all.
        config.metricsPushUrl().ifPresent(url -> new MetricsPush(url).push(metrics));
        if (results.isEmpty()) {
            System.err.println("mirror-service: no mirror is configured (mirror.mirrors)");
            return 1;
        }
        return results.stream().anyMatch(MirrorResult::failed) ? 1 : 0;
    }
}
