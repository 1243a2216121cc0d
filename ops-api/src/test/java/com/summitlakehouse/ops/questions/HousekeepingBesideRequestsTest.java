package com.summitlakehouse.ops.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.summitlakehouse.ops.support.AdjustedSettings;
import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Housekeeping rides on requests: a refilled allowance is forgotten beside a later request, never by a timer of its
 * own, so that a quiet database sees no statement of ours after the last request.
 */
@QuarkusTest
@TestProfile(AdjustedSettings.class)
class HousekeepingBesideRequestsTest {

    @Inject
    SubmissionRateLimiter limiter;

    @Test
    void aRefilledAllowanceIsForgottenBesideALaterRequestAndNotBeforeIt() throws Exception {
        limiter.acquire("203.0.113.50").await().atMost(Duration.ofSeconds(10));
        TestDatabase.execute("UPDATE qa_submission_limits SET full_at = full_at - interval '10 minutes' "
                + "WHERE client_address = '203.0.113.50'");

        Thread.sleep(2_500); // two intervals without a request: no timer deletes anything
        assertEquals(1, rowsOf("203.0.113.50"), "nothing of ours ran while no request came");

        limiter.acquire("198.51.100.60").await().atMost(Duration.ofSeconds(10));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (rowsOf("203.0.113.50") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, rowsOf("203.0.113.50"), "forgotten beside the next request");
        assertEquals(1, rowsOf("198.51.100.60"), "the allowance in use is kept");
    }

    static int rowsOf(String client) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM qa_submission_limits WHERE client_address = '"
                        + client + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
