package com.summitlakehouse.ops.questions;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Metrics;
import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Submissions without a key that arrive while the database is busy wait and go together in one statement, and each
 * is admitted or refused exactly as it would be alone (5 a minute per address, the default). The database is kept
 * busy on purpose: a transaction holds the limit table, so the first two batches (at-database = 2) wait at the
 * database while the rest arrive, which makes the count of statements exact.
 */
@QuarkusTest
class SubmissionBatchesTest {

    private static final String SIZES = "ops_questions_submission_batch_size";

    @Test
    void submissionsArrivingWhileTwoBatchesWaitGoInOneStatementAndTheLimitHoldsAsForOneAtATime() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        double statementsBefore = Metrics.sum(SIZES + "_count");
        double submissionsBefore = Metrics.sum(SIZES + "_sum");
        // 12 from one address (behind one proxy, say), 20 from as many others; from 100.64.0.0/10, which no other
        // suite uses, so that no earlier submission has taken from these allowances.
        String crowd = "100.64.0." + (Math.abs(run.hashCode()) % 250);
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            clients.add(i % 8 < 3 ? crowd : "100.65." + (Math.abs(run.hashCode()) % 250) + "." + i);
        }
        ExecutorService senders = Executors.newFixedThreadPool(clients.size());
        List<Future<Response>> answers = new ArrayList<>();
        long locked;
        long released;
        try (Connection holder = TestDatabase.connect()) {
            holder.setAutoCommit(false);
            locked = System.nanoTime();
            try (Statement lock = holder.createStatement()) {
                lock.execute("LOCK TABLE qa_submission_limits IN EXCLUSIVE MODE");
            }
            for (int i = 0; i < clients.size(); i++) {
                String client = clients.get(i);
                String text = "Batched " + run + " #" + i;
                answers.add(senders.submit(() -> given().header("X-Forwarded-For", client)
                        .contentType(ContentType.JSON).body("{\"question_text\": \"" + text + "\"}")
                        .when().post("/api/v1/questions")));
            }
            long until = System.nanoTime() + 20_000_000_000L;
            while (Metrics.sum(SIZES + "_sum") - submissionsBefore + Metrics.sum("ops_questions_submissions_waiting")
                    < clients.size()) {
                assertTrue(System.nanoTime() < until, "every submission arrives");
                Thread.sleep(20);
            }
            assertEquals(2, Metrics.sum(SIZES + "_count") - statementsBefore, "two batches wait at the database");
            holder.rollback();
            released = System.nanoTime();
        }
        // The waiting batches took their turns at their statements' start (PostgreSQL's now()), before the wait:
        // the refused are told one interval (12 s) less the seconds the table was held.
        long held = (long) Math.ceil((released - locked) / 1e9);

        List<Long> ids = new ArrayList<>();
        int crowdStored = 0;
        for (int i = 0; i < answers.size(); i++) {
            Response answer = answers.get(i).get();
            if (answer.statusCode() == 429) {
                assertEquals(crowd, clients.get(i), "only the crowded address is refused");
                int retryAfter = Integer.parseInt(answer.header("Retry-After"));
                assertTrue(retryAfter <= 12 && retryAfter >= Math.max(1, 12 - held),
                        "five taken: the next in one interval, less the " + held + " s held: " + retryAfter);
                continue;
            }
            assertEquals(201, answer.statusCode(), answer.body().asString());
            long id = answer.jsonPath().getLong("id");
            assertEquals("Batched " + run + " #" + i, storedText(id), "each answer names its own question");
            ids.add(id);
            crowdStored += clients.get(i).equals(crowd) ? 1 : 0;
        }
        senders.shutdown();
        assertEquals(5, crowdStored, "the crowded address gets its burst of five, no more");
        assertEquals(20 + 5, new HashSet<>(ids).size());
        assertEquals(3, Metrics.sum(SIZES + "_count") - statementsBefore, "the two that waited, then one with all the rest");
        assertEquals(32, Metrics.sum(SIZES + "_sum") - submissionsBefore);
        assertEquals(25, stored(run), "nothing stored twice, nothing refused stored");
    }

    /**
     * Planning the batch statement takes longer than running a small batch, so its plan must not depend on the
     * batch: PostgreSQL then keeps the generic plan after five custom ones, as it does in the service's pooled
     * connections.
     */
    @Test
    void theBatchStatementSettlesOnOneGenericPlan() throws Exception {
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement()) {
            statement.execute("PREPARE batch(json, float8, float8) AS " + QuestionSubmissions.SUBMIT_BATCH);
            for (int i = 0; i < 8; i++) {
                int size = 1 + i * 7 % 5;
                StringBuilder rows = new StringBuilder("[");
                for (int j = 0; j < size; j++) {
                    rows.append(j == 0 ? "" : ",").append("{\"client\": \"100.66.0.").append(i * 2 + j % 2)
                            .append("\", \"question_text\": \"Plan check\"}");
                }
                statement.execute("EXECUTE batch('" + rows + "]', 12, 48)");
            }
            try (ResultSet plans = statement.executeQuery(
                    "SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'batch'")) {
                plans.next();
                assertEquals(5, plans.getLong("custom_plans"), "five custom plans, as PostgreSQL always tries");
                assertEquals(3, plans.getLong("generic_plans"), "then the generic plan every time");
            }
            statement.execute("DELETE FROM qa_questions WHERE question_text = 'Plan check'");
        }
    }

    private static String storedText(long id) throws Exception {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT question_text FROM qa_questions WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static int stored(String run) throws Exception {
        try (Connection connection = TestDatabase.connect();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM qa_questions WHERE question_text LIKE ?")) {
            count.setString(1, "Batched " + run + " #%");
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
