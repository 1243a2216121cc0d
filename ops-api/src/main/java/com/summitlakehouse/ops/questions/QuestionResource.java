package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.http.CacheableJson;
import com.summitlakehouse.ops.input.QueryParams;
import com.summitlakehouse.ops.paging.Cursor;
import com.summitlakehouse.ops.paging.Page;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/questions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public Q&A")
public class QuestionResource {

    private final QuestionRepository questions;
    private final QuestionSubmissions submissions;
    private final SubmissionBatches batches;
    private final SubmissionRateLimiter rateLimiter;
    private final CacheableJson json;

    QuestionResource(QuestionRepository questions, QuestionSubmissions submissions, SubmissionBatches batches,
            SubmissionRateLimiter rateLimiter, CacheableJson json) {
        this.questions = questions;
        this.submissions = submissions;
        this.batches = batches;
        this.rateLimiter = rateLimiter;
        this.json = json;
    }

    @GET
    @Operation(summary = "Published questions with their answers, newest first",
            description = "Keyset pagination: pass the previous page's `next` as `before`. Only published questions "
                    + "ever appear.")
    @APIResponse(responseCode = "200", description = "One page of published questions",
            content = @Content(schema = @Schema(implementation = PublishedQuestionPage.class)))
    @APIResponse(responseCode = "304", description = "The page is unchanged since the ETag in If-None-Match")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "Unavailable")
    public Uni<Response> published(
            @Parameter(description = "Page size, 1..100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("before") String before,
            @Context HttpHeaders headers) {
        int size = QueryParams.intInRange("limit", limit, 50, 1, 100);
        Cursor cursor = Cursor.decode("before", before);
        return questions.published(cursor, size).map(rows -> {
            Page<PublishedQuestion> page = Page.of(rows, size, PublishedQuestion::cursor);
            return json.ok(page, headers, CacheableJson.Answer.QUESTIONS,
                    page.items().stream().map(PublishedQuestion::surrogateKey).toList());
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask a question",
            description = "Stored hidden and unanswered (status pending) until a moderator answers and publishes it. "
                    + "question_text: 1..1000 characters after trimming; asker_name: optional, up to 80. "
                    + "Rate-limited per client address (5 a minute by default). Safe to retry with an "
                    + "Idempotency-Key: a retry with the same key and the same question within 24 hours answers as the "
                    + "first request did and stores nothing new; the same key with a different question is refused "
                    + "with 422. Keys belong to the client address that sent them: another address's key is neither "
                    + "seen nor claimed, and a retry from another address counts as a new submission. Without a key, "
                    + "retrying after a 503 may store the question twice.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = QuestionSubmission.class)))
    @APIResponse(responseCode = "201", description = "Accepted for moderation",
            content = @Content(schema = @Schema(implementation = SubmittedQuestion.class)))
    @APIResponse(ref = "BadRequest")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different question",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = com.summitlakehouse.ops.problems.Problem.class)))
    @APIResponse(ref = "TooManyRequests")
    @APIResponse(ref = "Unavailable")
    public Uni<Response> submit(QuestionSubmission submission,
            @Parameter(description = "Optional client-chosen key (1..255 printable ASCII characters, a UUID for "
                    + "example) that makes a retry of this submission safe; honoured for 24 hours. A replayed "
                    + "answer carries the header Idempotent-Replayed: true.")
            @HeaderParam(QuestionValidator.IDEMPOTENCY_KEY) String idempotencyKey,
            @Context HttpServerRequest request) {
        QuestionValidator.ValidSubmission valid = QuestionValidator.submission(submission, idempotencyKey);
        String client = ClientAddress.of(request, rateLimiter.clientAddressSource());
        if (valid.idempotencyKey() == null) {
            // The allowance is taken in the statement that stores the question, with the others of its batch.
            return batches.submit(new QuestionSubmissions.KeylessSubmission(client, valid.questionText(),
                    valid.askerName()))
                    .map(answer -> {
                        refuseIfLimited(answer.retryAfter());
                        return Response.status(Response.Status.CREATED).entity(answer.question()).build();
                    });
        }
        return rateLimiter.acquire(client).flatMap(retryAfter -> {
            refuseIfLimited(retryAfter);
            return submissions.submit(valid.questionText(), valid.askerName(), client, valid.idempotencyKey(),
                    sha256(valid.questionText(), valid.askerName()));
        }).map(answer -> {
            Response.ResponseBuilder created = Response.status(Response.Status.CREATED).entity(answer.question());
            return answer.replayed() ? created.header("Idempotent-Replayed", "true").build() : created.build();
        });
    }

    private static void refuseIfLimited(int retryAfter) {
        if (retryAfter > 0) {
            throw ApiProblem.tooManyRequests("Too many questions from this address; try again later", retryAfter);
        }
    }

    /** What a key is bound to: the question as stored, so that a retry must ask the same question. */
    private static byte[] sha256(String text, String asker) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            // A separator that text cannot contain, and a marker for "no name" distinct from any name.
            digest.update((byte) 0);
            if (asker != null) {
                digest.update((byte) 1);
                digest.update(asker.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return digest.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Schema of a published-questions page, for the OpenAPI document. */
    @Schema(name = "PublishedQuestionPage")
    public record PublishedQuestionPage(List<PublishedQuestion> items, @Schema(nullable = true) String next) {
    }
}
