package com.summitlakehouse.ops.questions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code per-minute} submissions in a burst, refilled evenly over a minute.
 * Per instance, in memory; with N replicas a client gets at most N times the limit.
 */
@ApplicationScoped
public class SubmissionRateLimiter {

    @ConfigMapping(prefix = "ops.questions.rate-limit")
    public interface Config {
        /** Question submissions allowed per client address per minute. */
        @WithDefault("5")
        int perMinute();

        /** Header carrying the client address, set by the trusted proxy in front (for example X-Forwarded-For). */
        Optional<String> clientAddressHeader();
    }

    /** Above this many tracked addresses, buckets that have refilled completely are dropped. */
    private static final int PRUNE_ABOVE = 10_000;
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Config config;
    private final LongSupplier nanoTime;

    @jakarta.inject.Inject
    SubmissionRateLimiter(Config config) {
        this(config, System::nanoTime);
    }

    /** With a clock of the caller's, so that refilling can be shown without waiting for it. */
    SubmissionRateLimiter(Config config, LongSupplier nanoTime) {
        this.config = config;
        this.nanoTime = nanoTime;
    }

    Optional<String> clientAddressHeader() {
        return config.clientAddressHeader();
    }

    /** Takes one token for {@code client}: 0 when allowed, else the whole seconds to wait before retrying. */
    int acquire(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.isFull(now, config.perMinute()));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(config.perMinute(), now)).take(now, config.perMinute());
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.refilledAt = now;
        }

        synchronized int take(long now, int capacity) {
            refill(now, capacity);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double nanosPerToken = (double) MINUTE_NANOS / capacity;
            return (int) Math.ceil((1 - tokens) * nanosPerToken / 1e9);
        }

        synchronized boolean isFull(long now, int capacity) {
            refill(now, capacity);
            return tokens >= capacity;
        }

        private void refill(long now, int capacity) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * (double) capacity / MINUTE_NANOS);
            refilledAt = now;
        }
    }
}
