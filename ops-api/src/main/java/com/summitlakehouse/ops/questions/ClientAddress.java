package com.summitlakehouse.ops.questions;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * The address a request comes from. Behind a proxy the socket shows the proxy, so a configured header that the
 * trusted proxy sets is read instead; with X-Forwarded-For style lists the right-most entry is the one that proxy
 * appended (entries further left are whatever the client claimed).
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request, Optional<String> trustedHeader) {
        if (trustedHeader.isPresent()) {
            String value = request.getHeader(trustedHeader.get());
            if (value != null && !value.isBlank()) {
                int comma = value.lastIndexOf(',');
                return (comma < 0 ? value : value.substring(comma + 1)).strip();
            }
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
