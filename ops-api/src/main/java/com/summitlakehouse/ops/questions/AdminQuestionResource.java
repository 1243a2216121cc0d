package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.audit.ModerationConfig;
import com.summitlakehouse.ops.input.QueryParams;
import com.summitlakehouse.ops.paging.Cursor;
import com.summitlakehouse.ops.paging.Page;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/questions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("moderator")
@Tag(name = "Q&A moderation")
@SecurityRequirement(name = "bearer")
@APIResponse(ref = "Unauthorized")
@APIResponse(ref = "Forbidden")
@APIResponse(ref = "BadRequest")
@APIResponse(ref = "Unavailable")
public class AdminQuestionResource {

    private final QuestionRepository questions;
    private final QuestionModeration moderation;
    private final ModerationConfig config;
    private final SecurityIdentity identity;

    AdminQuestionResource(QuestionRepository questions, QuestionModeration moderation, ModerationConfig config,
            SecurityIdentity identity) {
        this.questions = questions;
        this.moderation = moderation;
        this.config = config;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The moderation queue: questions of one status, newest first", description = "Role: moderator.")
    @APIResponse(responseCode = "200", description = "One page of questions",
            content = @Content(schema = @Schema(implementation = QuestionPage.class)))
    public Uni<Page<Question>> queue(
            @Parameter(schema = @Schema(enumeration = {"pending", "answered", "published", "rejected"},
                    defaultValue = "pending")) @QueryParam("status") String status,
            @Parameter(description = "Page size, 1..100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("before") String before) {
        QuestionStatus wanted = status == null || status.isEmpty() ? QuestionStatus.PENDING
                : QuestionStatus.parse("status", status);
        int size = QueryParams.intInRange("limit", limit, 50, 1, 100);
        Cursor cursor = Cursor.decode("before", before);
        return questions.queue(wanted, cursor, size).map(rows -> Page.of(rows, size, Question::queueCursor));
    }

    @PUT
    @Path("/{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer a question (or change its answer)",
            description = "A pending question becomes answered; a published one stays published with the new answer. "
                    + "Rejected questions cannot be answered (409). Recorded in the audit trail. Role: moderator.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AnswerText.class)))
    @APIResponse(responseCode = "200", description = "The question after the change",
            content = @Content(schema = @Schema(implementation = Question.class)))
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<Question> answer(@PathParam("id") String id, AnswerText body) {
        long questionId = id(id);
        return moderation.answer(questionId, QuestionValidator.answer(body), Actor.of(identity))
                .map(QuestionModeration.Moderated::question);
    }

    @POST
    @Path("/{id}/publish")
    @Operation(summary = "Publish an answered question", description = "Needs an answer (409 otherwise). Role: moderator.")
    @APIResponse(responseCode = "200", description = "The question after the change",
            content = @Content(schema = @Schema(implementation = Question.class)))
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<Question> publish(@PathParam("id") String id) {
        return moderation.publish(id(id), Actor.of(identity)).map(QuestionModeration.Moderated::question);
    }

    @POST
    @Path("/{id}/unpublish")
    @Operation(summary = "Withdraw a published question from the public site",
            description = "It returns to answered. Role: moderator.")
    @APIResponse(responseCode = "200", description = "The question after the change",
            content = @Content(schema = @Schema(implementation = Question.class)))
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<Question> unpublish(@PathParam("id") String id) {
        return moderation.unpublish(id(id), Actor.of(identity)).map(QuestionModeration.Moderated::question);
    }

    @POST
    @Path("/{id}/reject")
    @Operation(summary = "Reject a question that is not published",
            description = "A published question must be unpublished first (409). The reason is recorded in the audit "
                    + "trail. Role: moderator.")
    @APIResponse(responseCode = "200", description = "The question after the change",
            content = @Content(schema = @Schema(implementation = Question.class)))
    @APIResponse(ref = "NotFound")
    @APIResponse(ref = "Conflict")
    public Uni<Question> reject(@PathParam("id") String id,
            @Parameter(description = "One of the configured reasons (ops.moderation.reject-reasons)")
            @QueryParam("reason") String reason) {
        long questionId = id(id);
        return moderation.reject(questionId, ModerationConfig.reason(config.rejectReasons(), reason),
                Actor.of(identity)).map(QuestionModeration.Moderated::question);
    }

    private static long id(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // not a number: the same 400 as zero or a negative number, thrown after this block
        }
        throw ApiProblem.invalid("id", "must be a positive integer");
    }

    /** Schema of a moderation-queue page, for the OpenAPI document. */
    @Schema(name = "QuestionPage")
    public record QuestionPage(List<Question> items, @Schema(nullable = true) String next) {
    }
}
