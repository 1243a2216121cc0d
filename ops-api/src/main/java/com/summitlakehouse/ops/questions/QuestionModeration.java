package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.audit.AuditAction;
import com.summitlakehouse.ops.audit.AuditTrail;
import com.summitlakehouse.ops.database.Database;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A moderator's steps on questions (answer, publish, unpublish, reject with a reason) and the undo of their own
 * rejections. Each step locks its question and compares first: a step that would change nothing (publishing a
 * published question, a double click, a transaction retried after its commit was lost) writes nothing and records
 * no audit row. The UPDATE statements are the Q&A's own ({@link QuestionRepository}); each is conditional, so an
 * illegal transition matches no row and is told apart as 404 or 409.
 */
@ApplicationScoped
public class QuestionModeration {

    static final String LOCK = "SELECT " + Question.COLUMNS + " FROM qa_questions WHERE id = $1 FOR UPDATE";

    /** An undo puts back the status the rejection found; the answer was never touched by it. */
    static final String RESTORE_STATUS = "UPDATE qa_questions SET status = $2 WHERE id = $1 AND status = 'rejected'"
            + " RETURNING " + Question.COLUMNS;

    /** A step's outcome; auditId is null when it changed nothing. */
    public record Moderated(Question question, Long auditId) {
        public boolean changed() {
            return auditId != null;
        }
    }

    private enum Step {
        ANSWER(AuditAction.QUESTION_ANSWER, QuestionRepository.ANSWER),
        PUBLISH(AuditAction.QUESTION_PUBLISH, QuestionRepository.PUBLISH),
        UNPUBLISH(AuditAction.QUESTION_UNPUBLISH, QuestionRepository.UNPUBLISH),
        REJECT(AuditAction.QUESTION_REJECT, QuestionRepository.REJECT);

        final AuditAction action;
        final String sql;

        Step(AuditAction action, String sql) {
            this.action = action;
            this.sql = sql;
        }

        /** The step would leave the question as it is. */
        boolean changesNothing(Question current, String answerText) {
            return switch (this) {
                case ANSWER -> current.status() != QuestionStatus.PENDING && current.status() != QuestionStatus.REJECTED
                        && Objects.equals(current.answerText(), answerText);
                case PUBLISH -> current.status() == QuestionStatus.PUBLISHED;
                case UNPUBLISH -> current.status() == QuestionStatus.ANSWERED;
                case REJECT -> current.status() == QuestionStatus.REJECTED;
            };
        }
    }

    private final Database database;
    private final AuditTrail audit;

    QuestionModeration(Database database, AuditTrail audit) {
        this.database = database;
        this.audit = audit;
    }

    Uni<Moderated> answer(long id, String answerText, Actor actor) {
        return step(id, Step.ANSWER, Tuple.of(id, answerText), answerText, null, actor);
    }

    Uni<Moderated> publish(long id, Actor actor) {
        return step(id, Step.PUBLISH, Tuple.of(id), null, null, actor);
    }

    Uni<Moderated> unpublish(long id, Actor actor) {
        return step(id, Step.UNPUBLISH, Tuple.of(id), null, null, actor);
    }

    Uni<Moderated> reject(long id, String reason, Actor actor) {
        return step(id, Step.REJECT, Tuple.of(id), null, reason, actor);
    }

    private Uni<Moderated> step(long id, Step step, Tuple params, String answerText, String reason, Actor actor) {
        return database.inTransaction(connection -> lock(connection, id).flatMap(before -> {
            if (step.changesNothing(before, answerText)) {
                return Uni.createFrom().item(new Moderated(before, null));
            }
            return connection.preparedQuery(step.sql).execute(params).flatMap(rows -> {
                if (rows.size() == 0) {
                    throw ApiProblem.conflict(whyNot(id, step, before.status()));
                }
                Question after = Question.from(rows.iterator().next());
                return audit.record(connection, actor, new AuditTrail.Change(step.action, "question",
                        Long.toString(id), state(before), state(after), reason, null))
                        .map(auditId -> new Moderated(after, auditId));
            });
        }), true);
    }

    /**
     * Reverses the actor's own rejections (audit entry ids) made within {@code window}, all or none: one already
     * undone, made by someone else, too old, or followed by another change is refused (409).
     */
    Uni<List<Moderated>> undoRejects(List<Long> entries, Actor actor, Duration window) {
        return database.inTransaction(connection -> {
            Uni<List<Moderated>> all = Uni.createFrom().item(new ArrayList<>());
            for (long entry : entries) {
                all = all.flatMap(done -> undoReject(connection, entry, actor, window).map(one -> {
                    done.add(one);
                    return done;
                }));
            }
            return all;
        }, true);
    }

    private Uni<Moderated> undoReject(SqlConnection connection, long entry, Actor actor, Duration window) {
        return audit.decision(connection, entry, window).flatMap(first -> {
            if (first == null || !first.entry().action().equals(AuditAction.QUESTION_REJECT.wire())) {
                throw ApiProblem.conflict("There is no rejection " + entry + " to undo");
            }
            long id = Long.parseLong(first.entry().targetId());
            // The question first, then the decision again: a concurrent undo of it has committed by then.
            return lock(connection, id).flatMap(current -> audit.decision(connection, entry, window)
                    .flatMap(decision -> {
                        if (!decision.entry().actorSubject().equals(actor.subject())) {
                            throw ApiProblem.conflict("Only the moderator who rejected question " + id + " can undo it");
                        }
                        if (decision.reversedBy() != null) {
                            throw ApiProblem.conflict("The rejection of question " + id + " is already undone");
                        }
                        if (!decision.withinWindow()) {
                            throw ApiProblem.conflict("The rejection of question " + id + " can no longer be undone"
                                    + " (undo lasts " + window.toMinutes() + " min)");
                        }
                        if (!state(current).equals(new JsonObject(decision.entry().after()))) {
                            throw ApiProblem.conflict("Question " + id + " changed after the rejection");
                        }
                        String status = (String) decision.entry().before().get("status");
                        return connection.preparedQuery(RESTORE_STATUS).execute(Tuple.of(id, status))
                                .map(rows -> Question.from(rows.iterator().next()))
                                .flatMap(after -> audit.record(connection, actor, new AuditTrail.Change(
                                        AuditAction.QUESTION_UNDO_REJECT, "question", Long.toString(id),
                                        state(current), state(after), null, entry))
                                        .map(auditId -> new Moderated(after, auditId)));
                    }));
        });
    }

    private static Uni<Question> lock(SqlConnection connection, long id) {
        return connection.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ApiProblem.notFound("No question " + id);
            }
            return Question.from(rows.iterator().next());
        });
    }

    private static JsonObject state(Question question) {
        return new JsonObject().put("status", question.status().wire()).put("answer_text", question.answerText());
    }

    private static String whyNot(long id, Step step, QuestionStatus status) {
        if (step == Step.PUBLISH && status == QuestionStatus.PENDING) {
            return "Question " + id + " has no answer yet; answer it before publishing";
        }
        if (step == Step.REJECT && status == QuestionStatus.PUBLISHED) {
            return "Question " + id + " is published; unpublish it before rejecting";
        }
        String verb = step.name().toLowerCase(java.util.Locale.ROOT);
        return "Question " + id + " is " + status.wire() + " and cannot be " + (verb.endsWith("e") ? verb + "d"
                : verb + "ed");
    }
}
