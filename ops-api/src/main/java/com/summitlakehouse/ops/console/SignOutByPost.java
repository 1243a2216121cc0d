package com.summitlakehouse.ops.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Sign-out is a POST (the console's sign-out button): a link, an image or another site's page cannot sign a
 * moderator out. quarkus-oidc signs out on any request to its logout path, so this filter runs before
 * authentication and answers anything but a same-origin POST there with 405 and a page holding the button.
 */
@Singleton
public class SignOutByPost {

    static final String LOGOUT_PATH = "/console/logout";

    void register(@Observes Filters filters) {
        // Above authentication (200), below CORS (300).
        filters.register(this::filter, 250);
    }

    private void filter(RoutingContext context) {
        if (!LOGOUT_PATH.equals(context.normalizedPath())) {
            context.next();
            return;
        }
        String origin = context.request().getHeader("Origin");
        boolean sameOrigin = origin == null
                || origin.equals(context.request().scheme() + "://" + context.request().getHeader("Host"));
        if (context.request().method() == HttpMethod.POST && sameOrigin) {
            context.next();
            return;
        }
        context.response().setStatusCode(context.request().method() == HttpMethod.POST ? 403 : 405)
                .putHeader("Allow", "POST").putHeader("Content-Type", "text/html; charset=utf-8")
                .end("""
                        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title>
                        <link rel="stylesheet" href="/console/console.css"></head><body><main id="main">
                        <h1 id="sign-out-by-button">Sign out with the button</h1>
                        <p>Signing out takes the console's Sign out button.</p>
                        <form method="post" action="/console/logout"><button type="submit">Sign out</button></form>
                        <p><a href="/console">Back to the console</a></p></main></body></html>""");
    }
}
