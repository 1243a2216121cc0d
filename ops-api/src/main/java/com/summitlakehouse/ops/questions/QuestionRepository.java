package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.common.ApiProblem;
import com.summitlakehouse.ops.common.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * All SQL of the Q&A. Each moderation step is one conditional UPDATE, so concurrent moderators cannot push a
 * question through an illegal transition; when it matches no row, a second look tells 404 from 409.
 */
@ApplicationScoped
public class QuestionRepository {

    static final String PUBLISHED_PAGE = "SELECT " + PublishedQuestion.COLUMNS + """
             FROM qa_questions
            WHERE status = 'published' AND (published_at, id) < ($1, $2)
            ORDER BY published_at DESC, id DESC
            LIMIT $3""";

    static final String MODERATION_QUEUE = "SELECT " + Question.COLUMNS + """
             FROM qa_questions
            WHERE status = $1 AND (submitted_at, id) < ($2, $3)
            ORDER BY submitted_at DESC, id DESC
            LIMIT $4""";

    static final String SUBMIT = """
            INSERT INTO qa_questions (question_text, asker_name) VALUES ($1, $2) RETURNING id, status""";

    static final String ANSWER = """
            UPDATE qa_questions
               SET answer_text = $2, answered_at = now(),
                   status = CASE status WHEN 'published' THEN 'published' ELSE 'answered' END
             WHERE id = $1 AND status IN ('pending', 'answered', 'published')
            RETURNING """ + " " + Question.COLUMNS;

    static final String PUBLISH = """
            UPDATE qa_questions
               SET status = 'published',
                   published_at = CASE status WHEN 'published' THEN published_at ELSE now() END
             WHERE id = $1 AND status IN ('answered', 'published')
            RETURNING """ + " " + Question.COLUMNS;

    static final String UNPUBLISH = """
            UPDATE qa_questions
               SET status = 'answered', published_at = NULL
             WHERE id = $1 AND status IN ('published', 'answered')
            RETURNING """ + " " + Question.COLUMNS;

    static final String REJECT = """
            UPDATE qa_questions
               SET status = 'rejected'
             WHERE id = $1 AND status IN ('pending', 'answered', 'rejected')
            RETURNING """ + " " + Question.COLUMNS;

    static final String STATUS_OF = "SELECT status FROM qa_questions WHERE id = $1";

    /** Past every real timestamp and id, so that a first page and a later one share one prepared statement. */
    private static final Cursor START = new Cursor(java.time.OffsetDateTime.parse("9999-12-31T00:00:00Z"),
            Long.MAX_VALUE);

    private final Pool pool;

    QuestionRepository(Pool pool) {
        this.pool = pool;
    }

    Uni<List<PublishedQuestion>> published(Cursor before, int limit) {
        Cursor from = before == null ? START : before;
        return pool.preparedQuery(PUBLISHED_PAGE).execute(Tuple.of(from.at(), from.id(), limit + 1))
                .map(rows -> list(rows, PublishedQuestion::from));
    }

    Uni<List<Question>> queue(QuestionStatus status, Cursor before, int limit) {
        Cursor from = before == null ? START : before;
        return pool.preparedQuery(MODERATION_QUEUE)
                .execute(Tuple.of(status.wire(), from.at(), from.id(), limit + 1))
                .map(rows -> list(rows, Question::from));
    }

    Uni<SubmittedQuestion> submit(String questionText, String askerName) {
        return pool.preparedQuery(SUBMIT).execute(Tuple.of(questionText, askerName)).map(rows -> {
            Row row = rows.iterator().next();
            return new SubmittedQuestion(row.getLong("id"), QuestionStatus.parse("status", row.getString("status")));
        });
    }

    Uni<Question> answer(long id, String answerText) {
        return transition(id, "answer", ANSWER, Tuple.of(id, answerText));
    }

    Uni<Question> publish(long id) {
        return transition(id, "publish", PUBLISH, Tuple.of(id));
    }

    Uni<Question> unpublish(long id) {
        return transition(id, "unpublish", UNPUBLISH, Tuple.of(id));
    }

    Uni<Question> reject(long id) {
        return transition(id, "reject", REJECT, Tuple.of(id));
    }

    private Uni<Question> transition(long id, String action, String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).flatMap(rows -> {
            if (rows.size() > 0) {
                return Uni.createFrom().item(Question.from(rows.iterator().next()));
            }
            return pool.preparedQuery(STATUS_OF).execute(Tuple.of(id)).map(current -> {
                if (current.size() == 0) {
                    throw ApiProblem.notFound("No question " + id);
                }
                throw ApiProblem.conflict(whyNot(id, action, current.iterator().next().getString("status")));
            });
        });
    }

    private static String whyNot(long id, String action, String status) {
        if (action.equals("publish") && status.equals("pending")) {
            return "Question " + id + " has no answer yet; answer it before publishing";
        }
        if (action.equals("reject") && status.equals("published")) {
            return "Question " + id + " is published; unpublish it before rejecting";
        }
        return "Question " + id + " is " + status + " and cannot be " + (action.endsWith("e") ? action + "d" : action
                + "ed");
    }

    private static <T> List<T> list(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> items = new ArrayList<>(rows.size());
        for (Row row : rows) {
            items.add(mapper.apply(row));
        }
        return items;
    }
}
