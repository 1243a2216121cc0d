package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.database.Database;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL that stores visitors' questions: without a key, in batches that take each address's allowance
 * ({@link SubmissionBatches}); with an Idempotency-Key, one at a time, safe to repeat. Every question arrives pending.
 */
@ApplicationScoped
public class QuestionSubmissions {

    /**
     * Submissions without a key, several in one statement ({@link SubmissionBatches}): $1 a JSON array of
     * {client, question_text, asker_name} in arrival order, $2 the limit's interval, $3 its burst tolerance, in
     * seconds. Each address's allowance is taken as {@link SubmissionRateLimiter#TAKE_ONE} would take it once per
     * submission, in order: turn j (0-based) of an address gets in while the allowance's full_at, j intervals on, is
     * within the tolerance of now. The limit rows are locked in address order, so two batches (of this replica or
     * another) never wait for each other in a circle. Questions are stored in arrival order, so their ids (drawn in
     * that order) are matched to the submissions by rank. One row per submission, in order: its id and status, or a
     * null id and the whole seconds to wait.
     *
     * <p>Its plan does not depend on the batch (JSON rows are estimated alike whatever their number, and the rule's
     * intervals are computed once), so PostgreSQL settles on the generic plan after five executions instead of
     * planning every batch anew (0.6 ms, more than the execution of a small batch).
     */
    static final String SUBMIT_BATCH = """
            WITH rule AS (
                SELECT make_interval(secs => $2) AS step, make_interval(secs => $3) AS tolerance
            ),
            submitted AS (
                SELECT s.ordinal, s.client, s.question_text, s.asker_name,
                       row_number() OVER (PARTITION BY s.client ORDER BY s.ordinal) - 1 AS turn
                  FROM ROWS FROM (json_to_recordset($1) AS (client text, question_text text, asker_name text))
                       WITH ORDINALITY AS s(client, question_text, asker_name, ordinal)
            ),
            wanted AS (
                SELECT client, count(*)::int AS submissions FROM submitted GROUP BY client
            ),
            taken AS (
                INSERT INTO qa_submission_limits AS l (client_address, full_at, last_taken)
                SELECT w.client, now() + a.turns * r.step, a.turns
                  FROM wanted w
                 CROSS JOIN rule r
                 CROSS JOIN LATERAL (SELECT count(*)::int FROM generate_series(0, w.submissions - 1) AS turn
                                      WHERE turn * r.step <= r.tolerance) AS a(turns)
                 ORDER BY w.client
                ON CONFLICT (client_address) DO UPDATE
                   SET (full_at, last_taken) = (
                           SELECT greatest(l.full_at, now()) + count(*)::int * (SELECT step FROM rule), count(*)::int
                             FROM wanted w, rule r, generate_series(0, w.submissions - 1) AS turn
                            WHERE w.client = excluded.client_address
                              AND greatest(l.full_at, now()) + turn * r.step <= now() + r.tolerance)
                 WHERE l.full_at <= now() + (SELECT tolerance FROM rule)
                RETURNING l.client_address, l.full_at, l.last_taken
            ),
            admitted AS (
                SELECT s.ordinal, s.question_text, s.asker_name, row_number() OVER (ORDER BY s.ordinal) AS place
                  FROM submitted s JOIN taken t ON t.client_address = s.client
                 WHERE s.turn < t.last_taken
            ),
            stored AS (
                INSERT INTO qa_questions (question_text, asker_name)
                SELECT question_text, asker_name FROM admitted ORDER BY place
                RETURNING id, status
            )
            SELECT s.ordinal, q.id, q.status,
                   CASE WHEN q.id IS NOT NULL THEN 0
                        ELSE greatest(1, ceil(extract(epoch FROM coalesce(t.full_at,
                                 (SELECT full_at FROM qa_submission_limits WHERE client_address = s.client))
                                 - now()) - $3))::int
                   END AS retry_after
              FROM submitted s
              LEFT JOIN taken t ON t.client_address = s.client
              LEFT JOIN admitted a ON a.ordinal = s.ordinal
              LEFT JOIN (SELECT id, status, row_number() OVER (ORDER BY id) AS place FROM stored) q ON q.place = a.place
             ORDER BY s.ordinal""";

    /**
     * Serialises submissions that carry the same client's key, so that two concurrent retries store one question.
     * ($1 client address, $2 key.)
     */
    static final String LOCK_KEY = "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))";

    /** Keys are the client's own: another client's use of the same key is not seen. */
    static final String LIVE_KEY = """
            SELECT question_id, request_sha256
              FROM qa_submission_keys
             WHERE client_address = $1 AND idempotency_key = $2 AND created_at > now() - interval '24 hours'""";

    /** The question and its key in one statement; an expired key is taken over. */
    static final String SUBMIT_WITH_KEY = """
            WITH question AS (
                INSERT INTO qa_questions (question_text, asker_name) VALUES ($1, $2) RETURNING id, status
            )
            INSERT INTO qa_submission_keys AS k (client_address, idempotency_key, request_sha256, question_id)
            SELECT $5, $3, $4, id FROM question
            ON CONFLICT (client_address, idempotency_key) DO UPDATE
               SET request_sha256 = excluded.request_sha256, question_id = excluded.question_id, created_at = now()
            RETURNING k.question_id AS id, (SELECT status FROM question) AS status""";

    static final String DELETE_EXPIRED_KEYS = """
            DELETE FROM qa_submission_keys WHERE created_at <= now() - interval '24 hours'""";

    private final Database database;

    QuestionSubmissions(Database database) {
        this.database = database;
    }

    /** A submission without a key: stored, or refused by the limit with the seconds to wait. */
    record LimitedSubmission(SubmittedQuestion question, int retryAfter) {
    }

    /** A submission without a key, as it waits for its batch. */
    record KeylessSubmission(String client, String questionText, String askerName) {
    }

    /**
     * Stores the submissions that their addresses' allowances admit, in one statement; the answers are in the
     * submissions' order. Never sent twice: without a key, a retry could store a question twice.
     */
    Uni<List<LimitedSubmission>> submitAll(List<KeylessSubmission> submissions, SubmissionRateLimiter.Rule rule) {
        JsonArray batch = new JsonArray(new ArrayList<>(submissions.size()));
        for (KeylessSubmission submission : submissions) {
            batch.add(new JsonObject().put("client", submission.client())
                    .put("question_text", submission.questionText()).put("asker_name", submission.askerName()));
        }
        return database.executeOnce(SUBMIT_BATCH, Tuple.of(batch, rule.intervalSeconds(),
                rule.burstToleranceSeconds())).map(rows -> {
                    List<LimitedSubmission> answers = new ArrayList<>(submissions.size());
                    for (Row row : rows) {
                        answers.add(row.getLong("id") == null ? new LimitedSubmission(null, row.getInteger("retry_after"))
                                : new LimitedSubmission(submitted(row), 0));
                    }
                    return answers;
                });
    }

    /** A keyed submission's answer; {@code replayed} when the key had been used for this question before. */
    record KeyedSubmission(SubmittedQuestion question, boolean replayed) {
    }

    /**
     * With a key the submission is safe to repeat, so it is retried on a lost connection like a read: the first
     * attempt either committed (the retry finds the key and answers as the first did) or rolled back.
     */
    Uni<KeyedSubmission> submit(String questionText, String askerName, String client, String key,
            byte[] requestSha256) {
        // Two round trips: BEGIN, the key's lock and its look-up go together (the server runs the look-up after the
        // lock is taken, so its snapshot sees a concurrent retry's key); then the insert and COMMIT go together (a
        // COMMIT behind an insert that failed ends the transaction as a ROLLBACK, and the insert's failure is what
        // the request answers).
        return database.inOwnTransaction(connection -> Uni.combine().all()
                .unis(connection.query("BEGIN").execute(),
                        connection.preparedQuery(LOCK_KEY).execute(Tuple.of(client, key)),
                        connection.preparedQuery(LIVE_KEY).execute(Tuple.of(client, key)))
                .with((begun, locked, live) -> live)
                .flatMap(live -> {
                    if (live.size() > 0) {
                        Row first = live.iterator().next();
                        if (!Arrays.equals(first.getBuffer("request_sha256").getBytes(), requestSha256)) {
                            throw ApiProblem.of(422, "Idempotency-Key reused",
                                    "This Idempotency-Key was used for a different question in the last 24 hours");
                        }
                        // The first answer was 201 with status pending; a replay says exactly that again.
                        return connection.query("COMMIT").execute().replaceWith(new KeyedSubmission(
                                new SubmittedQuestion(first.getLong("question_id"), QuestionStatus.PENDING), true));
                    }
                    return Uni.combine().all()
                            .unis(connection.preparedQuery(SUBMIT_WITH_KEY).execute(Tuple.of(questionText,
                                    askerName, key, Buffer.buffer(requestSha256), client)),
                                    connection.query("COMMIT").execute())
                            .with((stored, committed) -> new KeyedSubmission(submitted(stored.iterator().next()),
                                    false));
                }), true);
    }

    /** How many expired keys were deleted; null when skipped because the service is quiet. */
    Uni<Integer> deleteExpiredKeys() {
        return database.executeWhileInUse(DELETE_EXPIRED_KEYS, Tuple.tuple())
                .onItem().ifNotNull().transform(rows -> rows.rowCount());
    }

    private static SubmittedQuestion submitted(Row row) {
        return new SubmittedQuestion(row.getLong("id"), QuestionStatus.parse("status", row.getString("status")));
    }
}
