package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.console.QueueGauges;
import com.summitlakehouse.ops.database.Database;
import com.summitlakehouse.ops.paging.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The questions waiting for a moderator, made the way the posts' review queue is: oldest first, with counts and the
 * age of the oldest. Pending questions wait for an answer (never reviewed, or back after a rejection was undone);
 * answered ones wait to be published (or were withdrawn from the site). Rejected ones are counted apart. Each count
 * sets the questions' gauges ({@link QueueGauges}: pending questions, as the alert means them).
 */
@ApplicationScoped
public class QuestionQueue {

    /** Oldest first; why: the latest withdrawal or undone rejection, if any. */
    static final String WAITING = "SELECT " + Question.COLUMNS.replaceAll("(^|, )", "$1q.") + """
            , b.action AS back_by
              FROM qa_questions q
              LEFT JOIN LATERAL (SELECT a.action FROM moderation_audit a
                                  WHERE a.target_kind = 'question' AND a.target_id = q.id::text
                                    AND a.action IN ('question.unpublish', 'question.undo_reject')
                                  ORDER BY a.recorded_at DESC, a.id DESC LIMIT 1) b ON true
             WHERE q.status = $1 AND (q.submitted_at, q.id) > ($2, $3)
             ORDER BY q.submitted_at, q.id
             LIMIT $4""";

    /** Each count through the (status, submitted_at) index. */
    static final String COUNTS = """
            SELECT (SELECT count(*) FROM qa_questions WHERE status = 'pending')           AS pending,
                   (SELECT min(submitted_at) FROM qa_questions WHERE status = 'pending')  AS oldest_pending,
                   (SELECT count(*) FROM qa_questions WHERE status = 'answered')          AS answered,
                   (SELECT min(submitted_at) FROM qa_questions WHERE status = 'answered') AS oldest_answered,
                   (SELECT count(*) FROM qa_questions WHERE status = 'rejected')          AS rejected""";

    static final Cursor START = new Cursor(OffsetDateTime.parse("0001-01-01T00:00:00Z"), 0);

    /** A waiting question and why it is back, when it is: "withdrawn" or "undone" (null: never reviewed). */
    public record Waiting(Question question, String back) {
        Cursor cursor() {
            return question.queueCursor();
        }

        public String why() {
            if ("question.unpublish".equals(back)) {
                return "Withdrawn from the site";
            }
            if ("question.undo_reject".equals(back)) {
                return "Back after a rejection was undone";
            }
            return question.status() == QuestionStatus.PENDING ? "Never reviewed" : "Answered, not yet published";
        }
    }

    /** The queue's figures; the oldest times are null when none waits. */
    public record Counts(long pending, OffsetDateTime oldestPending, long answered, OffsetDateTime oldestAnswered,
            long rejected) {
        public long waiting() {
            return pending + answered;
        }

        public OffsetDateTime oldest() {
            if (oldestPending == null || oldestAnswered == null) {
                return oldestPending == null ? oldestAnswered : oldestPending;
            }
            return oldestPending.isBefore(oldestAnswered) ? oldestPending : oldestAnswered;
        }

        public Duration oldestWaited() {
            return oldest() == null ? Duration.ZERO : Duration.between(oldest(), OffsetDateTime.now());
        }
    }

    private final Database database;
    private final QueueGauges gauges;

    QuestionQueue(Database database, QueueGauges gauges) {
        this.database = database;
        this.gauges = gauges;
    }

    /** Oldest first, {@code limit + 1} rows so that the caller can tell whether a next page exists. */
    Uni<List<Waiting>> waiting(QuestionStatus status, Cursor after, int limit) {
        Cursor from = after == null ? START : after;
        return database.execute(WAITING, Tuple.of(status.wire(), from.at(), from.id(), limit + 1)).map(rows -> {
            List<Waiting> found = new ArrayList<>(rows.size());
            for (Row row : rows) {
                found.add(new Waiting(Question.from(row), row.getString("back_by")));
            }
            return found;
        });
    }

    Uni<Counts> counts() {
        return database.execute(COUNTS, Tuple.tuple()).map(rows -> {
            Row row = rows.iterator().next();
            Counts counts = new Counts(row.getLong("pending"), row.getOffsetDateTime("oldest_pending"),
                    row.getLong("answered"), row.getOffsetDateTime("oldest_answered"), row.getLong("rejected"));
            // The questions page counts after every decision there: the gauge follows it, not only the posts queue.
            gauges.questions(counts.pending(), counts.oldestPending());
            return counts;
        });
    }
}
