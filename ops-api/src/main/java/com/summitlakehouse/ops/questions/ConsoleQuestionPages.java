package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.console.BadFormException;
import com.summitlakehouse.ops.console.Console;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The console's question queue: one status at a time, newest first, each action one click. */
@Path("/console/questions")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleQuestionPages {

    static final int PAGE_SIZE = 20;

    private final QuestionRepository questions;
    private final SecurityIdentity identity;
    private final RoutingContext context;
    private final ConsoleSession session;
    private final Template page;

    ConsoleQuestionPages(QuestionRepository questions, SecurityIdentity identity, RoutingContext context, ConsoleSession session,
            @Location("console/questions.html") Template page) {
        this.questions = questions;
        this.identity = identity;
        this.context = context;
        this.session = session;
        this.page = page;
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> queue(@QueryParam("status") String status, @QueryParam("before") String before) {
        Actor user = Console.moderator(identity);
        QuestionStatus wanted = status == null || status.isEmpty() ? QuestionStatus.PENDING
                : QuestionStatus.parse("status", status);
        Cursor cursor = Cursor.decode("before", before);
        ConsoleSession.Outcome outcome = session.takeOutcome(context, identity);
        return questions.queue(wanted, cursor, PAGE_SIZE)
                .map(rows -> Page.of(rows, PAGE_SIZE, Question::queueCursor))
                .map(found -> page.data("user", Console.displayName(user)).data("csrf", session.csrfToken(context, identity))
                        .data("status", wanted.wire())
                        .data("statuses", List.of("pending", "answered", "published", "rejected"))
                        .data("items", found.items()).data("next", found.next())
                        .data("done", outcome.done()).data("error", outcome.error()));
    }

    @POST
    @Path("/{id}/answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> answer(@PathParam("id") long id, @FormParam("answer_text") String answerText,
            @FormParam("status") String status, @FormParam(ConsoleSession.CSRF_FIELD) String token) {
        Actor user = Console.moderator(identity);
        session.checkCsrf(context, identity, token);
        return act(status, "Answer saved for question " + id, Uni.createFrom().deferred(
                () -> questions.answer(id, QuestionValidator.answer(new AnswerText(answerText)), user)));
    }

    @POST
    @Path("/{id}/{action:publish|unpublish|reject}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> transition(@PathParam("id") long id, @PathParam("action") String action,
            @FormParam("status") String status, @FormParam(ConsoleSession.CSRF_FIELD) String token) {
        Actor user = Console.moderator(identity);
        session.checkCsrf(context, identity, token);
        Uni<Question> change = switch (action) {
            case "publish" -> questions.publish(id, user);
            case "unpublish" -> questions.unpublish(id, user);
            default -> questions.reject(id, user);
        };
        String outcome = switch (action) {
            case "publish" -> "Question " + id + " published";
            case "unpublish" -> "Question " + id + " withdrawn from the site";
            default -> "Question " + id + " rejected";
        };
        return act(status, outcome, change);
    }

    /** Back to the queue the form was on, with the outcome or the reason it was refused. */
    private Uni<Response> act(String status, String outcome, Uni<Question> change) {
        String query;
        try {
            query = status == null || status.isEmpty() ? "" : "status=" + QuestionStatus.parse("status", status).wire();
        } catch (ApiProblem e) {
            throw new BadFormException("status", "is not a status of questions");
        }
        return change.map(done -> session.backTo(context, identity, "/console/questions", query, true, outcome))
                .onFailure(ApiProblem.class)
                .recoverWithItem(failure -> session.backTo(context, identity, "/console/questions", query, false,
                        Console.explain(failure)));
    }
}
