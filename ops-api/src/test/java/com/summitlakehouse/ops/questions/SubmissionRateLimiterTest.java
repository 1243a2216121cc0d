package com.summitlakehouse.ops.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The limit as PostgreSQL keeps it (5 a minute, the default): a burst of 5, then one more every 12 s. Time passes by
 * moving the address's row back, so refilling is shown without waiting for it.
 */
@QuarkusTest
class SubmissionRateLimiterTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    SubmissionRateLimiter limiter;

    int acquire(String client) {
        return limiter.acquire(client).await().atMost(WAIT);
    }

    static void secondsPass(String client, int seconds) {
        TestDatabase.execute("UPDATE qa_submission_limits SET full_at = full_at - interval '" + seconds
                + " seconds' WHERE client_address = '" + client + "'");
    }

    @Test
    void aBurstThenOneSubmissionEveryTwelveSeconds() {
        for (int i = 0; i < 5; i++) {
            assertEquals(0, acquire("203.0.113.9"), "burst " + i);
        }
        assertEquals(12, acquire("203.0.113.9"), "used up: the next one in 12 s");
        secondsPass("203.0.113.9", 6);
        assertEquals(6, acquire("203.0.113.9"), "half way: 6 s to go");
        secondsPass("203.0.113.9", 6);
        assertEquals(0, acquire("203.0.113.9"), "one refilled");
        assertEquals(12, acquire("203.0.113.9"), "and only one");
        assertEquals(0, acquire("198.51.100.4"), "another address has its own allowance");
    }

    @Test
    void aQuietMinuteRefillsTheWholeBurstButNoMore() {
        for (int i = 0; i < 5; i++) {
            acquire("203.0.113.10");
        }
        secondsPass("203.0.113.10", 10 * 60);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, acquire("203.0.113.10"), "refilled " + i);
        }
        assertEquals(12, acquire("203.0.113.10"), "capped at the burst");
    }

    @Test
    void refusedSubmissionsDoNotPushTheWaitFurther() {
        for (int i = 0; i < 5; i++) {
            acquire("203.0.113.11");
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(12, acquire("203.0.113.11"), "refused " + i);
        }
    }
}
