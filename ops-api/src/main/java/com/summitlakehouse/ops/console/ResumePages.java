package com.summitlakehouse.ops.console;

import com.summitlakehouse.ops.posts.ReviewQueue;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Where a decision sent after the session expired comes back ({@link ExpiredSessionForms}): signed in again, the
 * moderator sees it in words and carries it out with one click, or leaves it. The page changes nothing itself: the
 * click posts the same fields to the same action, with a token of this session, so the decision is checked,
 * carried out and audited exactly as if the session had not expired.
 */
@Path("/console/resume")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ResumePages {

    private final ReviewQueue queue;
    private final SecurityIdentity identity;
    private final RoutingContext context;
    private final ConsoleSession session;
    private final Template page;

    ResumePages(ReviewQueue queue, SecurityIdentity identity, RoutingContext context, ConsoleSession session,
            @Location("console/resume.html") Template page) {
        this.queue = queue;
        this.identity = identity;
        this.context = context;
        this.session = session;
        this.page = page;
    }

    @GET
    @Operation(hidden = true)
    public Uni<Response> resume() {
        String user = Console.displayName(Console.moderator(identity));
        Cookie cookie = context.request().getCookie(ExpiredSessionForms.PENDING_COOKIE);
        Optional<PendingDecision> pending = cookie == null ? Optional.empty()
                : PendingDecision.open(session, cookie.getValue());
        if (cookie != null) {
            // Offered once: the page holds it now; a reload does not offer it again.
            context.response().addCookie(ConsoleSession.cookie(context, ExpiredSessionForms.PENDING_COOKIE, "")
                    .setPath("/console").setMaxAge(0));
        }
        if (pending.isEmpty()) {
            return Uni.createFrom().item(Response.seeOther(URI.create("/console")).build());
        }
        String csrf = session.csrfToken(context, identity);
        // Posts named as the queue shows them (platform/external_id), not by their ids in the form.
        return queue.keys(pending.get().postIds()).map(keys -> Response.ok(page.data("user", user).data("csrf", csrf)
                .data("pending", pending.get()).data("says", pending.get().says(keys)).render()).build());
    }
}
