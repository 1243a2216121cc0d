package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.audit.ModerationConfig;
import com.summitlakehouse.ops.console.BadFormException;
import com.summitlakehouse.ops.console.Console;
import com.summitlakehouse.ops.console.MediaPreview;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The console's posts: search every post, hidden or not, and hide or show one in a click. */
@Path("/console/posts")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsolePostPages {

    static final int PAGE_SIZE = 25;

    private final PostRepository posts;
    private final PostModerator moderator;
    private final ModerationConfig config;
    private final MediaPreview media;
    private final SecurityIdentity identity;
    private final RoutingContext context;
    private final ConsoleSession session;
    private final Template page;

    ConsolePostPages(PostRepository posts, PostModerator moderator, ModerationConfig config, MediaPreview media,
            SecurityIdentity identity,
            RoutingContext context, ConsoleSession session, @Location("console/posts.html") Template page) {
        this.moderator = moderator;
        this.config = config;
        this.media = media;
        this.posts = posts;
        this.identity = identity;
        this.context = context;
        this.session = session;
        this.page = page;
    }

    @GET
    @Operation(hidden = true)
    public Uni<TemplateInstance> search(@QueryParam("platform") String platform, @QueryParam("handle") String handle,
            @QueryParam("hashtag") String hashtag, @QueryParam("q") String text, @QueryParam("before") String before) {
        Actor user = Console.moderator(identity);
        PostRepository.Search search = new PostRepository.Search(
                blank(platform) ? null : Platform.parse("platform", platform.strip()),
                blank(handle) ? null : handle.strip(),
                blank(hashtag) ? null : hashtag.strip().replaceFirst("^#", "").toLowerCase(Locale.ROOT),
                blank(text) ? null : text.strip());
        Cursor cursor = Cursor.decode("before", before);
        ConsoleSession.Outcome outcome = session.takeOutcome(context, identity);
        return posts.search(search, cursor, PAGE_SIZE)
                .map(rows -> Page.of(rows, PAGE_SIZE, ModeratedPost::cursor))
                .map(found -> page.data("user", Console.displayName(user))
                        .data("csrf", session.csrfToken(context, identity)).data("media", media)
                        .data("platforms", Arrays.stream(Platform.values()).map(Platform::wire).toList())
                        .data("platform", search.platform() == null ? "" : search.platform().wire())
                        .data("handle", value(handle)).data("hashtag", value(hashtag)).data("q", value(text))
                        .data("query", query(search))
                        .data("back", ConsoleForm.back("before", query(search)
                                + (cursor == null ? "" : "&before=" + cursor.encode()), BACK_KEYS))
                        .data("hideReasons", config.hideReasons())
                        .data("items", found.items()).data("next", found.next())
                        .data("done", outcome.done()).data("error", outcome.error()).data("undo", outcome.undo()));
    }

    /** The query keys a form may return to: the filters and the list position. */
    static final Set<String> BACK_KEYS = Set.of("platform", "handle", "hashtag", "q", "before", "after");

    /**
     * Hide or show one post. The post is named by form fields, not by the path: an external_id may hold any text
     * (slashes, "..", "?", "#", percent signs), and none of it can reach the URL the browser posts to.
     */
    @POST
    @Path("/visibility")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> setVisibility(@FormParam("platform") String platform,
            @FormParam("external_id") String externalId, @FormParam("is_visible") String visibleField,
            @FormParam("reason") String reason, @FormParam("back") String back, @FormParam("from") String from,
            @FormParam(ConsoleSession.CSRF_FIELD) String token) {
        Actor user = Console.moderator(identity);
        session.checkCsrf(context, identity, token);
        Platform parsed = platform(platform);
        String id = ConsoleForm.required("external_id", externalId);
        boolean visible = ConsoleForm.bool("is_visible", visibleField);
        String why = reason(config, visible, reason);
        String query = ConsoleForm.back("back", back, BACK_KEYS);
        String to = returnTo(from);
        return moderator.decide(parsed, id, visible, why, user).map(result -> {
            if (result == null) {
                return session.backTo(context, identity, to, query, false, "No post " + parsed.wire() + "/" + id);
            }
            String state = "Post " + parsed.wire() + "/" + id + (visible ? " is visible on the site"
                    : " is hidden from the site");
            if (!result.changed()) {
                return session.backTo(context, identity, to, query, true, state + " already; nothing changed");
            }
            return session.backTo(context, identity, to, query, true, state + (why == null ? "" : " (" + why + ")"),
                    visible ? null : new ConsoleSession.Undo("/console/posts/undo", result.auditId().toString()));
        });
    }

    /** The page a posts form returns to. */
    static String returnTo(String from) {
        return from == null || from.isEmpty() ? "/console/posts" : switch (from) {
            case "queue" -> "/console/posts/queue";
            case "posts" -> "/console/posts";
            default -> throw new BadFormException("from", "must be queue or posts");
        };
    }

    /** The reason picked for a decision: one of the approve reasons (optional), or of the hide reasons (required). */
    static String reason(ModerationConfig config, boolean visible, String reason) {
        try {
            return visible ? ModerationConfig.reason(config.approveReasons(), reason)
                    : ModerationConfig.reason(config.hideReasons(), ConsoleForm.required("reason", reason));
        } catch (ApiProblem e) {
            throw new BadFormException("reason", "is not one of the reasons to " + (visible ? "approve" : "hide"));
        }
    }

    private static Platform platform(String value) {
        try {
            return Platform.parse("platform", ConsoleForm.required("platform", value));
        } catch (ApiProblem e) {
            throw new BadFormException("platform", "is not a platform this console knows");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String value(String value) {
        return value == null ? "" : value;
    }

    /** The search as a query string, so that an action returns to the same results. */
    private static String query(PostRepository.Search search) {
        StringBuilder query = new StringBuilder();
        append(query, "platform", search.platform() == null ? null : search.platform().wire());
        append(query, "handle", search.handle());
        append(query, "hashtag", search.hashtag());
        append(query, "q", search.text());
        return query.toString();
    }

    private static void append(StringBuilder query, String key, String value) {
        if (value != null) {
            query.append(query.isEmpty() ? "" : "&").append(key).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
