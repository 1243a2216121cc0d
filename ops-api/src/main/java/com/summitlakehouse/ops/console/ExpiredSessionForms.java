package com.summitlakehouse.ops.console;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A decision sent after the sign-in session expired is kept, not lost. Without a session the sign-in mechanism would
 * answer the form's POST with a redirect to the provider and come back with a GET: the form's fields would be gone.
 * So this filter, ahead of authentication, takes such a form itself when it comes from a console page (its token is
 * the CSRF cookie's, a SameSite=Strict cookie another site cannot make a browser send), keeps it in a signed cookie
 * ({@link PendingDecision}) and answers with a page that moves on to {@code /console/resume}, which signs the
 * moderator in again and asks them to confirm the decision with a token of the new session ({@code ResumePages}).
 * A page, not a redirect: the pages' CSP {@code form-action} would block a form's redirect on to the provider.
 */
@Singleton
public class ExpiredSessionForms {

    /** quarkus-oidc's session cookie of the console tenant (q_session + _ + tenant id), and its chunks. */
    static final String SESSION_COOKIE = "q_session_console";
    static final String PENDING_COOKIE = "console-pending";
    /** Long enough to sign in again at the provider, short enough not to surprise anyone the next day. */
    static final int PENDING_SECONDS = 15 * 60;
    /** A console form is small (an answer is at most 5,000 characters); anything larger is not ours to keep. */
    static final int MAX_BODY = 64 * 1024;

    private final ConsoleSession session;
    private final Template expired;
    private final Template refused;

    ExpiredSessionForms(ConsoleSession session, @Location("console/expired.html") Template expired,
            @Location("console/refused.html") Template refused) {
        this.session = session;
        this.expired = expired;
        this.refused = refused;
    }

    void register(@Observes Filters filters) {
        // Above authentication (200), below CORS (300), as the sign-out filter.
        filters.register(this::filter, 250);
    }

    private void filter(RoutingContext context) {
        String path = context.normalizedPath();
        String type = context.request().getHeader("Content-Type");
        String length = context.request().getHeader("Content-Length");
        if (context.request().method() != HttpMethod.POST || !PendingDecision.ACTIONS.matcher(path).matches()
                || hasSession(context) || type == null || !type.startsWith("application/x-www-form-urlencoded")
                || length == null || !length.matches("[0-9]{1,7}") || Integer.parseInt(length) > MAX_BODY) {
            context.next();
            return;
        }
        context.request().body().onSuccess(body -> keep(context, path, body.toString(StandardCharsets.UTF_8)))
                .onFailure(context::fail);
        // Quarkus holds a request's body back until a handler asks for it: this one does.
        context.request().resume();
    }

    private static boolean hasSession(RoutingContext context) {
        return context.request().cookies().stream().anyMatch(c -> c.getName().startsWith(SESSION_COOKIE));
    }

    private void keep(RoutingContext context, String path, String body) {
        List<PendingDecision.Field> fields;
        try {
            fields = PendingDecision.parse(body);
        } catch (IllegalArgumentException e) {
            fields = List.of();
        }
        String token = fields.stream().filter(f -> f.name().equals(ConsoleSession.CSRF_FIELD))
                .map(PendingDecision.Field::value).findFirst().orElse(null);
        Cookie csrf = context.request().getCookie(ConsoleSession.csrfCookie(context));
        if (token == null || csrf == null || !ConsoleSession.equal(token, csrf.getValue())) {
            page(context, 403, refused.instance().render());
            return;
        }
        PendingDecision pending = new PendingDecision(path, fields.stream()
                .filter(f -> !f.name().equals(ConsoleSession.CSRF_FIELD)).toList());
        Optional<String> sealed = pending.seal(session);
        // Lax, not Strict: the browser comes back to /console/resume through the provider's redirects.
        sealed.ifPresent(value -> context.response().addCookie(ConsoleSession.cookie(context, PENDING_COOKIE, value)
                .setPath("/console").setSameSite(CookieSameSite.LAX).setMaxAge(PENDING_SECONDS)));
        page(context, 200, expired.data("pending", pending).data("kept", sealed.isPresent()).render());
    }

    private static void page(RoutingContext context, int status, String html) {
        context.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store").end(html);
    }
}
