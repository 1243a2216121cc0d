package com.summitlakehouse.ops.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.summitlakehouse.ops.problems.FieldError;
import com.summitlakehouse.ops.problems.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Refuses a malformed URL (broken percent-encoding such as {@code ?before=%%%}, or characters a URI may not hold) as
 * a problem document, before anything decodes it. Quarkus's HTTP layer checks the same before routing but answers a
 * bare 400 with no body; {@link OpsApiMain} turns that check off before Quarkus starts, so that it is made here
 * instead, however the service is launched. Were the layer's check on, a bad URL would still be refused.
 */
@ApplicationScoped
public class MalformedUrls {

    static final String DETAIL = "The URL is malformed: invalid percent-encoding";

    private final ObjectMapper mapper;

    MalformedUrls(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(-1001).handler(this::refuseBrokenEncoding);
    }

    private void refuseBrokenEncoding(RoutingContext context) {
        String uri = context.request().uri();
        String problem = problemWith(uri);
        if (problem == null) {
            context.next();
            return;
        }
        int query = uri.indexOf('?');
        try {
            context.response().setStatusCode(400)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(Buffer.buffer(mapper.writeValueAsBytes(new Problem("about:blank", "Invalid request", 400,
                            problem.startsWith("'%'") ? DETAIL : "The URL is malformed",
                            query < 0 ? uri : uri.substring(0, query), List.of(new FieldError("url", problem))))));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    /** What is wrong with {@code uri}, or null. */
    static String problemWith(String uri) {
        int broken = firstBrokenEscape(uri);
        if (broken >= 0) {
            return "'%' at character " + (broken + 1) + " is not followed by two hex digits";
        }
        try {
            new java.net.URI(uri);
            return null;
        } catch (java.net.URISyntaxException e) {
            return e.getReason() + " at character " + (e.getIndex() + 1);
        }
    }

    /** The index of the first '%' not followed by two hex digits, or -1. */
    static int firstBrokenEscape(String uri) {
        for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
            if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
                    || Character.digit(uri.charAt(i + 2), 16) < 0) {
                return i;
            }
        }
        return -1;
    }
}
