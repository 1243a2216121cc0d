package com.summitlakehouse.ops.http;

import com.summitlakehouse.ops.problems.Problem;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The contract the site codes to: shared error answers and the bearer scheme, referenced by every resource. */
@OpenAPIDefinition(
        info = @Info(title = "Summit Lakehouse ops-api", version = "1",
                description = "The site's operational API: the moderated social feed and the public Q&A. JSON in "
                        + "snake_case; every error is application/problem+json with the offending fields named."),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "Signed JWT; roles in the `groups` claim (ingest, moderator)"),
                responses = {
                    @APIResponse(name = "BadRequest", responseCode = "400",
                            description = "Invalid input; `errors` names each offending field (with the item index "
                                    + "in a batch)", content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "Unauthorized", responseCode = "401",
                            description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "Forbidden", responseCode = "403",
                            description = "The token lacks the role", content = @Content(
                                    mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "NotFound", responseCode = "404",
                            description = "No such post or question", content = @Content(
                                    mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "Conflict", responseCode = "409",
                            description = "The change is illegal in the current state", content = @Content(
                                    mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "TooManyRequests", responseCode = "429",
                            description = "Rate limit reached; retry after the Retry-After seconds",
                            headers = @Header(name = "Retry-After", schema = @Schema(implementation = Integer.class)),
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class))),
                    @APIResponse(name = "Unavailable", responseCode = "503",
                            description = "The database is unreachable; retry after the Retry-After seconds",
                            headers = @Header(name = "Retry-After", schema = @Schema(implementation = Integer.class)),
                            content = @Content(mediaType = Problem.MEDIA_TYPE,
                                    schema = @Schema(implementation = Problem.class)))
                }))
public class ApiDocumentation extends Application {
}
