package com.summitlakehouse.ops.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.summitlakehouse.ops.database.DatabaseAvailability;
import com.summitlakehouse.ops.database.DatabaseFailure;
import com.summitlakehouse.ops.database.DatabaseUnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to one problem+json document; no stack trace or SQL ever reaches a client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    private final DatabaseAvailability availability;

    ProblemMappers(DatabaseAvailability availability) {
        this.availability = availability;
    }

    @ServerExceptionMapper
    public Response problem(ApiProblem problem, HttpServerRequest request) {
        return render(problem, request);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        return render(ApiProblem.invalid(JsonFailures.describe(e)), request);
    }

    // Quarkus ships mappers for these two subtypes; naming them here makes ours the closer match.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, HttpServerRequest request) {
        return malformedJson(e, request);
    }

    @ServerExceptionMapper
    public Response unparsableJson(com.fasterxml.jackson.core.JsonParseException e, HttpServerRequest request) {
        return malformedJson(e, request);
    }

    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext context) {
        return unauthenticated(context);
    }

    @ServerExceptionMapper
    public Uni<Response> authenticationFailed(AuthenticationFailedException e, RoutingContext context) {
        return unauthenticated(context);
    }

    /**
     * The API answers problem+json; the console's pages answer with the sign-in mechanism's own challenge (a
     * redirect to the identity provider), as a browser expects.
     */
    private static Uni<Response> unauthenticated(RoutingContext context) {
        if (context.request().path().startsWith("/console")) {
            HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
            if (authenticator != null) {
                return authenticator.getChallenge(context).map(challenge -> {
                    Response.ResponseBuilder answer = Response.status(challenge.status);
                    challenge.getHeaders().forEach((name, value) -> answer.header(name.toString(), value));
                    return answer.build();
                });
            }
        }
        return Uni.createFrom().item(unauthenticated(context.request()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return render(ApiProblem.of(403, "Forbidden", "The token does not grant the role this operation needs"), request);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, request);
        }
        int status = e.getResponse().getStatus();
        String reason = Response.Status.fromStatusCode(status) == null
                ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "This method is not allowed on this path";
            case 406 -> "Only application/json is produced";
            case 413 -> "The request body is too large";
            case 415 -> "The request body must be application/json";
            default -> reason;
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return render(ApiProblem.of(status, reason, detail), request);
    }

    /** An expected outage: no stack trace, and the log tells it once per transition (DatabaseAvailability). */
    @ServerExceptionMapper
    public Response databaseUnavailable(DatabaseUnavailableException e, HttpServerRequest request) {
        return unavailable(request);
    }

    @ServerExceptionMapper
    public Response database(PgException e, HttpServerRequest request) {
        if (DatabaseFailure.isUnavailable(e)) {
            return unavailable(request);
        }
        String state = e.getSqlState() == null ? "" : e.getSqlState();
        if (state.startsWith("22") || state.startsWith("23")) {
            // Validation runs first, so this is a value the database alone rejects; its message may quote data.
            LOG.warnf("Database rejected a value: sqlstate %s", state);
            return render(ApiProblem.of(400, "Invalid request", "A value was rejected by the database"), request);
        }
        LOG.errorf("Database error: sqlstate %s", state);
        return render(ApiProblem.of(500, "Internal error", "The request could not be completed"), request);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseFailure.isUnavailable(e)) {
            return unavailable(request);
        }
        LOG.error("Unexpected failure", e);
        return render(ApiProblem.of(500, "Internal error", "The request could not be completed"), request);
    }

    private Response unavailable(HttpServerRequest request) {
        availability.countUnavailableAnswer();
        return render(ApiProblem.unavailable("The database is not reachable right now; retry shortly",
                DATABASE_RETRY_AFTER_SECONDS), request);
    }

    private static Response unauthenticated(HttpServerRequest request) {
        return Response.fromResponse(render(ApiProblem.of(401, "Unauthorized", "A valid bearer token is required"),
                request)).header("WWW-Authenticate", "Bearer").build();
    }

    public static Response render(ApiProblem problem, HttpServerRequest request) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store")
                .entity(problem.toProblem(request == null ? null : request.path()));
        if (problem.retryAfterSeconds() != null) {
            response.header("Retry-After", problem.retryAfterSeconds());
        }
        return response.build();
    }
}
