package com.summitlakehouse.ops.console;

import com.summitlakehouse.ops.problems.ApiProblem;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * CSRF protection of the console's forms (double submit): each page puts a random token in its forms and in an
 * HttpOnly cookie; an action is done only when the form's token equals the cookie's. Another site can make the
 * browser post a form with the cookie, but cannot read the cookie to copy the token into its form. The cookie is
 * SameSite=Strict and scoped to /console besides, so a cross-site post does not even carry it.
 */
public final class CsrfToken {

    public static final String NAME = "csrf-token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    /** The token for this browser's forms: the one its cookie holds, else a new one set in a cookie. */
    public static String forPage(RoutingContext context) {
        Cookie existing = context.request().getCookie(NAME);
        if (existing != null && existing.getValue().length() == 43) {
            return existing.getValue();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        context.response().addCookie(Cookie.cookie(NAME, token).setPath("/console").setHttpOnly(true)
                .setSecure(true).setSameSite(CookieSameSite.STRICT));
        return token;
    }

    /** Refuses (403) an action whose form token is missing or is not the cookie's. */
    public static void check(RoutingContext context, String formToken) {
        Cookie cookie = context.request().getCookie(NAME);
        if (formToken == null || cookie == null || formToken.isEmpty()
                || !MessageDigest.isEqual(formToken.getBytes(StandardCharsets.US_ASCII),
                        cookie.getValue().getBytes(StandardCharsets.US_ASCII))) {
            throw ApiProblem.of(403, "Forbidden",
                    "The form's CSRF token is missing or does not match; reload the page and try again");
        }
    }
}
