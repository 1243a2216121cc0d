package com.summitlakehouse.ops.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Request durations as a histogram with fixed buckets ({@code http_server_requests_seconds_bucket}), so that
 * Prometheus can tell what share of requests met the 100 ms objective (the {@code le="0.1"} bucket) over any window
 * and across replicas, and draw percentiles; averages and per-instance maxima cannot. The buckets are few on
 * purpose: each is a series per route and status.
 */
@Singleton
class LatencyBuckets {

    static final Duration[] BOUNDS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    @Produces
    @Singleton
    MeterFilter httpServerRequestBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                double[] nanos = Stream.of(BOUNDS).mapToDouble(Duration::toNanos).toArray();
                return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
            }
        };
    }
}
