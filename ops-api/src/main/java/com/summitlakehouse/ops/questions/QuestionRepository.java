package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.audit.AuditAction;
import com.summitlakehouse.ops.audit.AuditTrail;
import com.summitlakehouse.ops.database.Database;
import com.summitlakehouse.ops.paging.Cursor;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Q&A's reads and moderation steps (storing a visitor's question is {@link QuestionSubmissions}). Each
 * moderation step is one conditional UPDATE, so concurrent moderators cannot push a question through an illegal
 * transition; when it matches no row, a second look tells 404 from 409.
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

    /** The state before a change, locked until the change and its audit row commit. */
    static final String LOCK_FOR_CHANGE = "SELECT status, answer_text FROM qa_questions WHERE id = $1 FOR UPDATE";

    private final Database database;
    private final AuditTrail audit;

    QuestionRepository(Database database, AuditTrail audit) {
        this.database = database;
        this.audit = audit;
    }

    Uni<List<PublishedQuestion>> published(Cursor before, int limit) {
        Cursor from = Cursor.after(before);
        return database.execute(PUBLISHED_PAGE, Tuple.of(from.at(), from.id(), limit + 1))
                .map(rows -> list(rows, PublishedQuestion::from));
    }

    Uni<List<Question>> queue(QuestionStatus status, Cursor before, int limit) {
        Cursor from = Cursor.after(before);
        return database.execute(MODERATION_QUEUE, Tuple.of(status.wire(), from.at(), from.id(), limit + 1))
                .map(rows -> list(rows, Question::from));
    }

    Uni<Question> answer(long id, String answerText, Actor actor) {
        return transition(id, AuditAction.QUESTION_ANSWER, "answer", ANSWER, Tuple.of(id, answerText), actor);
    }

    Uni<Question> publish(long id, Actor actor) {
        return transition(id, AuditAction.QUESTION_PUBLISH, "publish", PUBLISH, Tuple.of(id), actor);
    }

    Uni<Question> unpublish(long id, Actor actor) {
        return transition(id, AuditAction.QUESTION_UNPUBLISH, "unpublish", UNPUBLISH, Tuple.of(id), actor);
    }

    Uni<Question> reject(long id, Actor actor) {
        return transition(id, AuditAction.QUESTION_REJECT, "reject", REJECT, Tuple.of(id), actor);
    }

    /**
     * The change and its audit row in one transaction. The question is locked first, so the state the audit row
     * calls "before" is the one the change started from, and a refused change is told apart as 404 or 409 from it.
     * Retried as a whole on a lost connection: a transaction that did not commit left nothing behind.
     */
    private Uni<Question> transition(long id, AuditAction action, String verb, String sql, Tuple params, Actor actor) {
        return database.inTransaction(connection -> connection.preparedQuery(LOCK_FOR_CHANGE).execute(Tuple.of(id))
                .flatMap(current -> {
                    if (current.size() == 0) {
                        throw ApiProblem.notFound("No question " + id);
                    }
                    Row before = current.iterator().next();
                    return connection.preparedQuery(sql).execute(params).flatMap(rows -> {
                        if (rows.size() == 0) {
                            throw ApiProblem.conflict(whyNot(id, verb, before.getString("status")));
                        }
                        Question after = Question.from(rows.iterator().next());
                        return audit.record(connection, actor, action, "question", Long.toString(id),
                                state(before.getString("status"), before.getString("answer_text")),
                                state(after.status().wire(), after.answerText())).replaceWith(after);
                    });
                }), true);
    }

    private static JsonObject state(String status, String answerText) {
        return new JsonObject().put("status", status).put("answer_text", answerText);
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
