package com.summitlakehouse.ops.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a declared-oversized body before reading it, as a problem document; Vert.x's own limit check (which still
 * guards chunked bodies) answers in plain text.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void register(@Observes Router router) {
        router.route().order(-1000).handler(this::refuseOversizedBodies);
    }

    private void refuseOversizedBodies(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isLarger(declared)) {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end("{\"type\":\"about:blank\",\"title\":\"Content too large\",\"status\":413,"
                            + "\"detail\":\"The request body exceeds " + maxBytes + " bytes\",\"errors\":[{\"field\":"
                            + "\"body\",\"message\":\"must be at most " + maxBytes + " bytes\"}]}");
            return;
        }
        context.next();
    }

    private boolean isLarger(String declared) {
        try {
            return Long.parseLong(declared.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
