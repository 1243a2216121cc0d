package com.summitlakehouse.ops.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * What the console keeps per sign-in session, signed with one key every replica shares ({@code ops.console.signing-key}):
 * <ul>
 * <li>CSRF tokens, bound to the session: a random nonce and an HMAC of it with the session (the provider's
 * {@code sid}, else the subject and time of sign-in). The token is in each form and in an HttpOnly cookie
 * ({@code __Host-} prefixed over HTTPS); an action needs both equal and the HMAC valid for the session that posts,
 * so neither a token of another session nor a cookie planted by a sibling site is accepted.</li>
 * <li>The outcome of the last action, shown once by the page the action returns to: a signed cookie, so a banner
 * can only say what the server said, never what a link's query string says.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsoleSession {

    public static final String CSRF_FIELD = "csrf-token";
    static final String CSRF_COOKIE = "console-csrf";
    static final String OUTCOME_COOKIE = "console-outcome";
    private static final Logger LOG = Logger.getLogger(ConsoleSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SEPARATOR = "\u0000";

    /** What the last action came to, for the banner; undo is null unless the action can be undone. */
    public record Outcome(String done, String error, Undo undo) {
        static final Outcome NONE = new Outcome(null, null, null);
    }

    /** The form that undoes the last action: where it posts, and the audit entries it reverses. */
    @io.quarkus.qute.TemplateData
    public record Undo(String action, String entries) {
        /** The only places an undo button may post to. */
        static final java.util.Set<String> ACTIONS = java.util.Set.of("/console/posts/undo", "/console/questions/undo");

        public Undo {
            if (!ACTIONS.contains(action) || !entries.matches("[0-9]+(,[0-9]+)*")) {
                throw new IllegalArgumentException("not an undo this console offers: " + action + " " + entries);
            }
        }
    }

    private final SecretKeySpec key;

    ConsoleSession(@ConfigProperty(name = "ops.console.signing-key") Optional<String> configured) {
        String signingKey = configured.orElse("");
        byte[] bytes;
        if (signingKey.isBlank()) {
            LOG.warn("ops.console.signing-key is not set: console forms of this process only; set it when several"
                    + " replicas serve the console");
            bytes = new byte[32];
            RANDOM.nextBytes(bytes);
        } else {
            bytes = signingKey.getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The token for this session's forms: the cookie's where it is valid for this session, else a new one. */
    public String csrfToken(RoutingContext context, SecurityIdentity identity) {
        String session = session(identity);
        Cookie existing = context.request().getCookie(csrfCookie(context));
        if (existing != null && valid(existing.getValue(), session)) {
            return existing.getValue();
        }
        byte[] nonce = new byte[18];
        RANDOM.nextBytes(nonce);
        String value = encode(nonce);
        String token = value + "." + sign("csrf", session, value);
        context.response().addCookie(cookie(context, csrfCookie(context), token));
        return token;
    }

    /** Refuses (403 page) an action whose form token is missing, is not the cookie's, or is another session's. */
    public void checkCsrf(RoutingContext context, SecurityIdentity identity, String formToken) {
        Cookie cookie = context.request().getCookie(csrfCookie(context));
        if (formToken == null || cookie == null || !equal(formToken, cookie.getValue())
                || !valid(formToken, session(identity))) {
            throw new CsrfRefusedException();
        }
    }

    /** 303 back to the page the form came from; the outcome travels in a signed cookie, shown once. */
    public Response backTo(RoutingContext context, SecurityIdentity identity, String path, String query,
            boolean done, String outcome) {
        return backTo(context, identity, path, query, done, outcome, null);
    }

    /** As above, with an Undo button beside the banner when {@code undo} is not null. */
    public Response backTo(RoutingContext context, SecurityIdentity identity, String path, String query,
            boolean done, String outcome, Undo undo) {
        String text = (done ? "d" : "e") + outcome.replace(SEPARATOR, " ")
                + (undo == null ? "" : SEPARATOR + undo.action() + SEPARATOR + undo.entries());
        String payload = encode(text.getBytes(StandardCharsets.UTF_8));
        context.response().addCookie(cookie(context, OUTCOME_COOKIE, payload + "." + sign("outcome", session(identity),
                payload)).setPath("/console").setMaxAge(120));
        return Response.seeOther(URI.create(path + (query == null || query.isEmpty() ? "" : "?" + query))).build();
    }

    /** The outcome the last action left for this session, removed as it is read; NONE when there is none. */
    public Outcome takeOutcome(RoutingContext context, SecurityIdentity identity) {
        Cookie cookie = context.request().getCookie(OUTCOME_COOKIE);
        if (cookie == null) {
            return Outcome.NONE;
        }
        context.response().addCookie(cookie(context, OUTCOME_COOKIE, "").setPath("/console").setMaxAge(0));
        String value = cookie.getValue();
        int dot = value.indexOf('.');
        if (dot < 1 || !equal(value.substring(dot + 1), sign("outcome", session(identity), value.substring(0, dot)))) {
            return Outcome.NONE;
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Outcome.NONE;
        }
        String[] parts = text.substring(1).split(SEPARATOR, -1);
        Undo undo = parts.length == 3 ? new Undo(parts[1], parts[2]) : null;
        return text.startsWith("d") ? new Outcome(parts[0], null, undo) : new Outcome(null, parts[0], null);
    }

    /** The sign-in session: the provider's session id where the ID token carries one. */
    static String session(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object sid = token.getClaim("sid");
            if (sid != null) {
                return token.getSubject() + "|sid:" + sid;
            }
            Object authTime = token.getClaim("auth_time");
            return token.getSubject() + "|auth_time:" + (authTime == null ? token.getIssuedAtTime() : authTime);
        }
        return identity.getPrincipal().getName();
    }

    private boolean valid(String token, String session) {
        int dot = token.indexOf('.');
        return dot > 0 && equal(token.substring(dot + 1), sign("csrf", session, token.substring(0, dot)));
    }

    /** An HMAC of {@code value} for one purpose and session, with the key every replica shares. */
    String sign(String purpose, String session, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return encode(mac.doFinal((purpose + "\n" + session + "\n" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Over HTTPS the cookie is {@code __Host-} prefixed: only this host, path /, Secure, never set by a sibling. */
    static String csrfCookie(RoutingContext context) {
        return https(context) ? "__Host-" + CSRF_COOKIE : CSRF_COOKIE;
    }

    static Cookie cookie(RoutingContext context, String name, String value) {
        return Cookie.cookie(name, value).setPath(https(context) && name.startsWith("__Host-") ? "/" : "/console")
                .setHttpOnly(true).setSecure(true).setSameSite(CookieSameSite.STRICT);
    }

    private static boolean https(RoutingContext context) {
        return "https".equals(context.request().scheme());
    }

    static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
