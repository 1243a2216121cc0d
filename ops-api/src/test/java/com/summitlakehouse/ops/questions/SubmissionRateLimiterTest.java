package com.summitlakehouse.ops.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves: a burst of per-minute, then one more every 60 / per-minute s. */
class SubmissionRateLimiterTest {

    static final long SECOND = 1_000_000_000L;

    final AtomicLong now = new AtomicLong(1_000 * SECOND);
    final SubmissionRateLimiter limiter = new SubmissionRateLimiter(new SubmissionRateLimiter.Config() {
        @Override
        public int perMinute() {
            return 5;
        }

        @Override
        public Optional<String> clientAddressHeader() {
            return Optional.empty();
        }
    }, now::get);

    @Test
    void aBurstThenOneTokenEveryTwelveSeconds() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.acquire("203.0.113.9"), "burst " + i);
        }
        assertEquals(12, limiter.acquire("203.0.113.9"), "empty: the next token in 12 s");
        now.addAndGet(6 * SECOND);
        assertEquals(6, limiter.acquire("203.0.113.9"), "half refilled: 6 s to go");
        now.addAndGet(6 * SECOND);
        assertEquals(0, limiter.acquire("203.0.113.9"), "one token refilled");
        assertEquals(12, limiter.acquire("203.0.113.9"), "and only one");
        assertEquals(0, limiter.acquire("198.51.100.4"), "another address has its own bucket");
    }

    @Test
    void aQuietMinuteRefillsTheWholeBurstButNoMore() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("203.0.113.10");
        }
        now.addAndGet(10 * 60 * SECOND);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, limiter.acquire("203.0.113.10"), "refilled " + i);
        }
        assertEquals(12, limiter.acquire("203.0.113.10"), "capped at the burst");
    }
}
