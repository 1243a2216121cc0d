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
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The review queue as a page to work in: oldest first, approve or hide one post or a selection (one form, one
 * POST, every post audited on its own), each with a reason from the configured lists, and Undo for a hide.
 * Posts are named by their numeric id in the form, never by text the ingest role wrote.
 */
@Path("/console/posts")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ConsoleQueuePages {

    static final int PAGE_SIZE = 25;
    /** The most posts one bulk decision takes: a page of the queue, with room. */
    static final int MAX_SELECTION = 100;
    static final Set<String> BACK_KEYS = Set.of("after");

    private final ReviewQueue queue;
    private final PostModerator moderator;
    private final ModerationConfig config;
    private final MediaPreview media;
    private final SecurityIdentity identity;
    private final RoutingContext context;
    private final ConsoleSession session;
    private final Template page;

    ConsoleQueuePages(ReviewQueue queue, PostModerator moderator, ModerationConfig config, MediaPreview media,
            SecurityIdentity identity,
            RoutingContext context, ConsoleSession session, @Location("console/queue.html") Template page) {
        this.queue = queue;
        this.moderator = moderator;
        this.config = config;
        this.media = media;
        this.identity = identity;
        this.context = context;
        this.session = session;
        this.page = page;
    }

    /** The queue with the figures of every queue; an action returns to the same position ({@code after}). */
    @GET
    @Path("/queue")
    @Operation(hidden = true)
    public Uni<TemplateInstance> queue(@QueryParam("after") String after) {
        Actor user = Console.moderator(identity);
        Cursor cursor = Cursor.decode("after", after);
        ConsoleSession.Outcome outcome = session.takeOutcome(context, identity);
        return queue.counts().flatMap(counts -> queue.waiting(cursor, PAGE_SIZE)
                .map(rows -> Page.of(rows, PAGE_SIZE, ReviewQueue.Waiting::cursor))
                .map(found -> page.data("user", Console.displayName(user))
                        .data("csrf", session.csrfToken(context, identity)).data("media", media).data("counts", counts)
                        .data("now", OffsetDateTime.now())
                        .data("back", cursor == null ? "" : "after=" + cursor.encode())
                        .data("approveReasons", config.approveReasons()).data("hideReasons", config.hideReasons())
                        .data("items", found.items()).data("next", found.next())
                        .data("done", outcome.done()).data("error", outcome.error()).data("undo", outcome.undo())));
    }

    /**
     * One decision: a row's own button ({@code one} = approve:ID or hide:ID), or the selection's
     * ({@code decision} with the checked {@code post} ids). All posts change in one transaction, each audited once;
     * posts already so are counted, not audited.
     */
    @POST
    @Path("/decide")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> decide(@FormParam("post") List<String> selected, @FormParam("decision") String decision,
            @FormParam("one") String one, @FormParam("approve_reason") String approveReason,
            @FormParam("hide_reason") String hideReason, @FormParam("back") String back,
            @FormParam(ConsoleSession.CSRF_FIELD) String token) {
        Actor user = Console.moderator(identity);
        session.checkCsrf(context, identity, token);
        String query = ConsoleForm.back("back", back, BACK_KEYS);
        String verb = one == null || one.isEmpty() ? decision : one.substring(0, Math.max(0, one.indexOf(':')));
        boolean visible = switch (verb == null ? "" : verb) {
            case "approve" -> true;
            case "hide" -> false;
            default -> throw new BadFormException(one == null || one.isEmpty() ? "decision" : "one",
                    "must be approve or hide");
        };
        List<Long> ids = one == null || one.isEmpty() ? ids("post", selected)
                : ids("one", List.of(one.substring(verb.length() + 1)));
        if (ids.isEmpty()) {
            return Uni.createFrom().item(session.backTo(context, identity, "/console/posts/queue", query, false,
                    "Select at least one post, or use a row's own button"));
        }
        String reason = ConsolePostPages.reason(config, visible, visible ? approveReason : hideReason);
        return moderator.decide(ids, visible, reason, user).map(decided -> {
            List<PostModerator.Decided> changed = decided.stream().filter(PostModerator.Decided::changed).toList();
            String done = changed.size() + (changed.size() == 1 ? " post " : " posts ")
                    + (visible ? "approved" : "hidden") + (reason == null ? "" : " (" + reason + ")")
                    + (changed.size() == 1 ? ": " + changed.get(0).post().platform().wire() + "/"
                            + changed.get(0).post().externalId() : "")
                    + (decided.size() > changed.size() ? "; " + (decided.size() - changed.size())
                            + " already were, nothing changed for them" : "")
                    + (ids.size() > decided.size() ? "; " + (ids.size() - decided.size()) + " no longer exist" : "");
            ConsoleSession.Undo undo = visible || changed.isEmpty() ? null : new ConsoleSession.Undo(
                    "/console/posts/undo", changed.stream().map(d -> d.auditId().toString())
                    .collect(Collectors.joining(",")));
            return session.backTo(context, identity, "/console/posts/queue", query, true, done, undo);
        });
    }

    /** Undoes the moderator's own hide(s) named by the banner's Undo button. */
    @POST
    @Path("/undo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> undo(@FormParam("entries") String entries, @FormParam("back") String back,
            @FormParam("from") String from, @FormParam(ConsoleSession.CSRF_FIELD) String token) {
        Actor user = Console.moderator(identity);
        session.checkCsrf(context, identity, token);
        List<Long> ids = ConsoleForm.ids("entries", entries);
        String to = ConsolePostPages.returnTo(from);
        String query = ConsoleForm.back("back", back, to.endsWith("/queue") ? BACK_KEYS : ConsolePostPages.BACK_KEYS);
        return moderator.undoHides(ids, user, config.undoWindow())
                .map(undone -> session.backTo(context, identity, to, query, true, "Undone: " + undone.stream()
                        .map(d -> "post " + d.post().platform().wire() + "/" + d.post().externalId() + (d.post()
                                .isVisible() ? " is visible again" : d.post().moderatedAt() == null
                                ? " waits for review again" : " is hidden"))
                        .collect(Collectors.joining(", "))))
                .onFailure(ApiProblem.class).recoverWithItem(failure -> session.backTo(context, identity, to, query,
                        false, Console.explain(failure)));
    }

    private static List<Long> ids(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_SELECTION) {
            throw new BadFormException(field, "selects more than " + MAX_SELECTION + " posts");
        }
        List<Long> ids = new ArrayList<>(values.size());
        for (String value : values) {
            try {
                long id = Long.parseLong(value);
                if (id > 0) {
                    ids.add(id);
                    continue;
                }
            } catch (NumberFormatException e) {
                // not a number: the same 400 as zero or a negative one, thrown below
            }
            throw new BadFormException(field, "must be post ids");
        }
        return ids.stream().distinct().toList();
    }
}
