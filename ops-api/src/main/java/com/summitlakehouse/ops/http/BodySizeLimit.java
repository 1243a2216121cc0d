package com.summitlakehouse.ops.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.summitlakehouse.ops.problems.FieldError;
import com.summitlakehouse.ops.problems.Problem;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a declared-oversized body before reading it, as a problem document; Vert.x's own limit check (which still
 * guards chunked bodies) answers in plain text.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;
    private final Buffer tooLarge;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            ObjectMapper mapper) throws JsonProcessingException {
        this.maxBytes = maxBodySize.asLongValue();
        this.tooLarge = Buffer.buffer(mapper.writeValueAsBytes(new Problem("about:blank", "Content too large", 413,
                "The request body exceeds " + maxBytes + " bytes", null,
                List.of(new FieldError("body", "must be at most " + maxBytes + " bytes")))));
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
                    .end(tooLarge);
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
