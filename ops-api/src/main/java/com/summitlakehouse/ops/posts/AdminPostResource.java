package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.audit.ModerationConfig;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/posts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Feed administration")
@SecurityRequirement(name = "bearer")
@APIResponse(ref = "Unauthorized")
@APIResponse(ref = "Forbidden")
@APIResponse(ref = "BadRequest")
@APIResponse(ref = "Unavailable")
public class AdminPostResource {

    private final PostRepository posts;
    private final PostModerator moderator;
    private final ModerationConfig moderation;
    private final PostsConfig config;
    private final SecurityIdentity identity;

    AdminPostResource(PostRepository posts, PostModerator moderator, ModerationConfig moderation, PostsConfig config,
            SecurityIdentity identity) {
        this.posts = posts;
        this.moderator = moderator;
        this.moderation = moderation;
        this.config = config;
        this.identity = identity;
    }

    @PUT
    @RolesAllowed("ingest")
    @Operation(summary = "Insert or update a batch of posts",
            description = "UPSERT on (platform, external_id), atomic per batch of 1..1000. Rows equal to what is "
                    + "stored are not rewritten. Only a moderator makes a post visible: a new post arrives hidden "
                    + "unless its account (platform/handle) is on the reviewed allowlist (`ops.posts.allowlist`, "
                    + "recorded in the audit trail as such); is_visible in the payload can only keep it hidden. A "
                    + "change of what the public sees (author, caption, permalink, media, hashtags) on a visible post "
                    + "sends it back to review (hidden) unless its account is allowlisted; counter updates never do. "
                    + "Nothing here un-hides a post. Role: ingest.")
    @RequestBody(required = true, content = @Content(schema = @Schema(type = SchemaType.ARRAY,
            implementation = PostInput.class, minItems = 1, maxItems = PostBatchValidator.MAX_BATCH)))
    @APIResponse(responseCode = "200", description = "What the batch did",
            content = @Content(schema = @Schema(implementation = UpsertCounts.class)))
    public Uni<UpsertCounts> upsert(List<PostInput> batch) {
        return posts.upsert(PostBatchValidator.validate(batch), config.allowlistKeys(), Actor.of(identity));
    }

    @PATCH
    @Path("/{platform}/{external_id}")
    @RolesAllowed("moderator")
    @Operation(summary = "Show or hide one post", description = "Recorded in the audit trail, with the reason when "
            + "one is given, unless it changes nothing (showing a visible post, hiding a hidden one that a moderator "
            + "already reviewed). Role: moderator.")
    @APIResponse(responseCode = "200", description = "The post's moderation state after the change",
            content = @Content(schema = @Schema(implementation = PostModeration.class)))
    @APIResponse(ref = "NotFound")
    public Uni<PostModeration> moderate(@PathParam("platform") String platform,
            @PathParam("external_id") String externalId, VisibilityChange change) {
        Platform parsed = Platform.parse("platform", platform);
        if (change == null || change.isVisible() == null) {
            throw ApiProblem.invalid("is_visible", "is required");
        }
        String reason = ModerationConfig.reason(change.isVisible() ? moderation.approveReasons()
                : moderation.hideReasons(), change.reason());
        return moderator.decide(parsed, externalId, change.isVisible(), reason, Actor.of(identity))
                .map(result -> {
                    if (result == null) {
                        throw ApiProblem.notFound("No post " + platform + "/" + externalId);
                    }
                    return result.post();
                });
    }
}
