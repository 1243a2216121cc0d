package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.audit.ModerationConfig;
import com.summitlakehouse.ops.console.BadFormException;
import com.summitlakehouse.ops.console.Console;
import com.summitlakehouse.ops.console.ConsoleForm;
import com.summitlakehouse.ops.console.ConsoleSession;
import com.summitlakehouse.ops.paging.Cursor;
import com.summitlakehouse.ops.paging.Page;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The console's questions: one status at a time; those waiting for a moderator (pending, answered) oldest first
 * with the queue's figures, the rest newest first; each action one click, back at the same place in the list.
 */
@Path("/console/questions")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleQuestionPages {

    static final int PAGE_SIZE = 20;
    /** What a form returns to: the status shown and the list position. */
    static final java.util.Set<String> BACK_KEYS = java.util.Set.of("status", "after", "before");

    private final QuestionRepository questions;
    private final QuestionModeration moderation;
    private final QuestionQueue queueOf;
    private final ModerationConfig config;
    private final SecurityIdentity identity;
    private final RoutingContext context;
    private final ConsoleSession session;
    private final Template page;

    ConsoleQuestionPages(QuestionRepository questions, QuestionModeration moderation, QuestionQueue queueOf,
            ModerationConfig config,
            SecurityIdentity identity, RoutingContext context, ConsoleSession session,
            @Location("console/questions.html") Template page) {
        this.questions = questions;
        this.moderation = moderation;
        this.queueOf = queueOf;
        this.config = config;
        this.identity = identity;
        this.context = context;
        this.session = session;
        this.page = page;
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> queue(@QueryParam("status") String status, @QueryParam("before") String before,
            @QueryParam("after") String after) {
        Actor user = Console.moderator(identity);
        QuestionStatus wanted = status == null || status.isEmpty() ? QuestionStatus.PENDING
                : QuestionStatus.parse("status", status);
        // Questions waiting for a moderator come oldest first (after); the others are history, newest first (before).
        boolean waiting = wanted == QuestionStatus.PENDING || wanted == QuestionStatus.ANSWERED;
        Cursor cursor = Cursor.decode(waiting ? "after" : "before", waiting ? after : before);
        ConsoleSession.Outcome outcome = session.takeOutcome(context, identity);
        Uni<Page<QuestionQueue.Waiting>> items = waiting
                ? queueOf.waiting(wanted, cursor, PAGE_SIZE).map(rows -> Page.of(rows, PAGE_SIZE,
                        QuestionQueue.Waiting::cursor))
                : questions.queue(wanted, cursor, PAGE_SIZE).map(rows -> Page.of(rows.stream()
                        .map(q -> new QuestionQueue.Waiting(q, null)).toList(), PAGE_SIZE, QuestionQueue.Waiting::cursor));
        String back = "status=" + wanted.wire() + (cursor == null ? "" : (waiting ? "&after=" : "&before=")
                + cursor.encode());
        return queueOf.counts().flatMap(counts -> items
                .map(found -> page.data("user", Console.displayName(user)).data("csrf", session.csrfToken(context, identity))
                        .data("status", wanted.wire()).data("waiting", waiting).data("counts", counts)
                        .data("statuses", List.of("pending", "answered", "published", "rejected"))
                        .data("rejectReasons", config.rejectReasons()).data("back", back)
                        .data("items", found.items()).data("next", found.next())
                        .data("done", outcome.done()).data("error", outcome.error()).data("undo", outcome.undo())));
    }

    @POST
    @Path("/{id}/answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> answer(@PathParam("id") long id, @FormParam("answer_text") String answerText,
            @FormParam("back") String back, @FormParam(ConsoleSession.CSRF_FIELD) String token) {
        Actor user = Console.moderator(identity);
        session.checkCsrf(context, identity, token);
        return act(back, "Answer saved for question " + id, "Question " + id + " already has this answer",
                Uni.createFrom().deferred(() -> moderation.answer(id,
                        QuestionValidator.answer(new AnswerText(answerText)), user)));
    }

    @POST
    @Path("/{id}/{action:publish|unpublish|reject}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> transition(@PathParam("id") long id, @PathParam("action") String action,
            @FormParam("back") String back, @FormParam("reason") String reason,
            @FormParam(ConsoleSession.CSRF_FIELD) String token) {
        Actor user = Console.moderator(identity);
        session.checkCsrf(context, identity, token);
        Uni<QuestionModeration.Moderated> change = switch (action) {
            case "publish" -> moderation.publish(id, user);
            case "unpublish" -> moderation.unpublish(id, user);
            default -> moderation.reject(id, rejectReason(reason), user);
        };
        return switch (action) {
            case "publish" -> act(back, "Question " + id + " published", "Question " + id + " was published already",
                    change);
            case "unpublish" -> act(back, "Question " + id + " withdrawn from the site",
                    "Question " + id + " was not on the site", change);
            default -> act(back, "Question " + id + " rejected: " + reason, "Question " + id
                    + " was rejected already", change);
        };
    }

    /** Undoes the moderator's own rejection(s) named by the banner's Undo button. */
    @POST
    @Path("/undo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> undo(@FormParam("entries") String entries, @FormParam("back") String back,
            @FormParam(ConsoleSession.CSRF_FIELD) String token) {
        Actor user = Console.moderator(identity);
        session.checkCsrf(context, identity, token);
        List<Long> ids = ConsoleForm.ids("entries", entries);
        String query = ConsoleForm.back("back", back, BACK_KEYS);
        return moderation.undoRejects(ids, user, config.undoWindow())
                .map(undone -> session.backTo(context, identity, "/console/questions", query, true,
                        "Undone: " + undone.stream().map(m -> "question " + m.question().id() + " is "
                                + m.question().status().wire() + " again").collect(Collectors.joining(", "))))
                .onFailure(ApiProblem.class).recoverWithItem(failure -> session.backTo(context, identity,
                        "/console/questions", query, false, Console.explain(failure)));
    }

    private String rejectReason(String reason) {
        try {
            return ModerationConfig.reason(config.rejectReasons(), ConsoleForm.required("reason", reason));
        } catch (ApiProblem e) {
            throw new BadFormException("reason", "is not one of the reasons to reject");
        }
    }

    /**
     * Back to the queue the form was on, with the outcome, or what was already so when the step changed nothing,
     * or the reason it was refused. A rejection that changed something can be undone from the banner.
     */
    private Uni<Response> act(String back, String outcome, String unchanged, Uni<QuestionModeration.Moderated> change) {
        String query = ConsoleForm.back("back", back, BACK_KEYS);
        return change.map(done -> {
            if (!done.changed()) {
                return session.backTo(context, identity, "/console/questions", query, true, unchanged
                        + "; nothing changed");
            }
            ConsoleSession.Undo undo = done.question().status() == QuestionStatus.REJECTED
                    ? new ConsoleSession.Undo("/console/questions/undo", Long.toString(done.auditId())) : null;
            return session.backTo(context, identity, "/console/questions", query, true, outcome, undo);
        }).onFailure(ApiProblem.class).recoverWithItem(failure -> session.backTo(context, identity,
                "/console/questions", query, false, Console.explain(failure)));
    }
}
