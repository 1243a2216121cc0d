package com.summitlakehouse.ops.questions;

import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * The address a request comes from. Behind a proxy the socket shows the proxy, so a configured header that the
 * trusted proxy sets is read instead, when the request really comes from one of the trusted proxies; with
 * X-Forwarded-For style lists the right-most entry is the one that proxy appended (entries further left are whatever
 * the client claimed).
 */
final class ClientAddress {

    /** Where the address is read from: the header, believed only from the trusted proxies. */
    record Source(Optional<String> header, TrustedProxies trustedProxies) {
    }

    private ClientAddress() {
    }

    static String of(HttpServerRequest request, Source source) {
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        if (source.header().isPresent() && source.trustedProxies().trusts(peer)) {
            String value = request.getHeader(source.header().get());
            if (value != null && !value.isBlank()) {
                int comma = value.lastIndexOf(',');
                return (comma < 0 ? value : value.substring(comma + 1)).strip();
            }
        }
        return peer == null ? "unknown" : peer;
    }
}
