package com.summitlakehouse.ops.console;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code ops_review_queue_size} and {@code ops_review_queue_oldest_seconds} by queue (posts, questions): what the
 * console last counted, set by whichever page counted it, never by a scrape (a quiet database is left asleep). The
 * age grows from the last known oldest item between counts.
 */
// Made at start-up, so that the gauges are exported (and an alert on them sees a value) before anyone opens the
// console; making it asks the database nothing.
@Startup
@ApplicationScoped
public class QueueGauges {

    /** A queue's figures as last counted; oldest is null when none waits. */
    private record Figures(long size, OffsetDateTime oldest) {
    }

    private final Map<String, Figures> last = new ConcurrentHashMap<>();

    QueueGauges(MeterRegistry registry) {
        // A gauge of an earlier start in the same JVM (tests restart the application) would keep reading that
        // start's figures: the registry hands back a meter it already has.
        registry.find("ops.review.queue.size").meters().forEach(registry::remove);
        registry.find("ops.review.queue.oldest.seconds").meters().forEach(registry::remove);
        for (String queue : new String[] {"posts", "questions"}) {
            Gauge.builder("ops.review.queue.size", last, figures -> figures.containsKey(queue)
                    ? figures.get(queue).size() : Double.NaN)
                    .description("Items waiting for a moderator, as the console last counted them").tag("queue", queue)
                    .register(registry);
            Gauge.builder("ops.review.queue.oldest.seconds", last, figures -> age(figures.get(queue)))
                    .description("Seconds the oldest waiting item has waited (0: none waiting)").tag("queue", queue)
                    .register(registry);
        }
    }

    public void posts(long size, OffsetDateTime oldest) {
        last.put("posts", new Figures(size, oldest));
    }

    public void questions(long size, OffsetDateTime oldest) {
        last.put("questions", new Figures(size, oldest));
    }

    private static double age(Figures figures) {
        return figures == null || figures.oldest() == null ? 0
                : Math.max(0, Duration.between(figures.oldest(), OffsetDateTime.now()).toMillis() / 1000.0);
    }
}
