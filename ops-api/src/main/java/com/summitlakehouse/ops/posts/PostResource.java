package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.http.CacheableJson;
import com.summitlakehouse.ops.input.QueryParams;
import com.summitlakehouse.ops.paging.Cursor;
import com.summitlakehouse.ops.paging.Page;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/posts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Public feed")
public class PostResource {

    private final PostRepository posts;
    private final TopPostsCache topPosts;
    private final CacheableJson json;

    PostResource(PostRepository posts, TopPostsCache topPosts, CacheableJson json) {
        this.posts = posts;
        this.topPosts = topPosts;
        this.json = json;
    }

    @GET
    @Operation(summary = "Visible posts, newest first",
            description = "Keyset pagination: pass the previous page's `next` as `before`. Hidden posts never appear.")
    @APIResponse(responseCode = "200", description = "One page of visible posts",
            content = @Content(schema = @Schema(implementation = PostPage.class)))
    @APIResponse(responseCode = "304", description = "The page is unchanged since the ETag in If-None-Match")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "Unavailable")
    public Uni<Response> feed(
            @Parameter(description = "Page size, 1..100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "50"))
            @QueryParam("limit") String limit,
            @Parameter(description = "Cursor from the previous page's `next`") @QueryParam("before") String before,
            @Parameter(description = "Only posts of this platform",
                    schema = @Schema(enumeration = {"instagram", "tiktok", "x", "facebook", "youtube", "threads"}))
            @QueryParam("platform") String platform,
            @Parameter(description = "Only posts with this hashtag (with or without '#', any case)")
            @QueryParam("hashtag") String hashtag,
            @Context HttpHeaders headers) {
        int size = QueryParams.intInRange("limit", limit, 50, 1, 100);
        Cursor cursor = Cursor.decode("before", before);
        Platform only = platform == null || platform.isEmpty() ? null : Platform.parse("platform", platform);
        String tag = hashtag == null || hashtag.isEmpty() ? null : hashtag(hashtag);
        return posts.feed(only, tag, cursor, size).map(rows -> {
            Page<Post> page = Page.of(rows, size, Post::cursor);
            return json.ok(page, headers, CacheableJson.Answer.POSTS, surrogateKeys(page.items()));
        });
    }

    @GET
    @Path("/top")
    @Operation(summary = "The most engaged visible posts of recent days",
            description = "Visible posts posted in the `days` before `as_of` (default: now), ordered by "
                    + "like_count + comment_count + share_count, then newest. `as_of` counts to the minute "
                    + "(seconds are dropped); rankings for distinct past minutes are computed at a bounded rate "
                    + "(429 with Retry-After beyond it). Served from a short-lived cache: an "
                    + "answer may be up to `ops.posts.top-max-staleness` old ("
                    + TopPostsStalenessDocumentation.PLACEHOLDER + " here), except that a post hidden or "
                    + "deleted leaves it within a second.")
    @APIResponse(responseCode = "200", description = "The ranking",
            content = @Content(schema = @Schema(implementation = TopPosts.class)))
    @APIResponse(responseCode = "304", description = "The ranking is unchanged since the ETag in If-None-Match")
    @APIResponse(ref = "BadRequest")
    @APIResponse(ref = "TooManyRequests")
    @APIResponse(ref = "Unavailable")
    public Uni<Response> top(
            @Parameter(description = "Window length in days, 1..365", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "7"))
            @QueryParam("days") String days,
            @Parameter(description = "Number of posts, 1..100", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "10"))
            @QueryParam("limit") String limit,
            @Parameter(description = "End of the window, RFC 3339, to the minute; default now",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("as_of") String asOf,
            @Context HttpHeaders headers) {
        int window = QueryParams.intInRange("days", days, 7, 1, 365);
        int size = QueryParams.intInRange("limit", limit, 10, 1, 100);
        return topPosts.top(QueryParams.timestamp("as_of", asOf), window, size)
                .map(ranking -> json.ok(new TopPosts(ranking), headers, CacheableJson.Answer.TOP_POSTS,
                        surrogateKeys(ranking)));
    }

    private static List<String> surrogateKeys(List<Post> posts) {
        return posts.stream().map(Post::surrogateKey).toList();
    }

    private static String hashtag(String raw) {
        List<com.summitlakehouse.ops.problems.FieldError> errors = new ArrayList<>();
        String tag = PostBatchValidator.normaliseHashtag(errors, "hashtag", raw);
        com.summitlakehouse.ops.problems.ApiProblem.failIfAny(errors);
        return tag;
    }

    /** Schema of a feed page, for the OpenAPI document. */
    @Schema(name = "PostPage")
    public record PostPage(List<Post> items, @Schema(nullable = true) String next) {
    }

    /** The top-posts answer. */
    public record TopPosts(List<Post> items) {
    }
}
