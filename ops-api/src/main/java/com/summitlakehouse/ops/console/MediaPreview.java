package com.summitlakehouse.ops.console;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which media the console may show as a preview: images over HTTPS from the configured media hosts only
 * ({@code ops.console.media-sources}, the same sources the pages' Content-Security-Policy allows in img-src). A post
 * whose media is elsewhere gets no image element at all, so nothing is even asked of another host.
 */
// Made at start-up, so that a mistyped source stops the start with its line rather than the first queue page.
@Startup
@ApplicationScoped
public class MediaPreview {

    /** A CSP host source we accept: https, a host or a *.domain wildcard, an optional port; nothing that ends it. */
    static final Pattern SOURCE = Pattern.compile(
            "https://(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?");
    static final Pattern VIDEO = Pattern.compile(".*\\.(mp4|mov|webm|m3u8|m4v)$");

    private final List<String> sources;

    MediaPreview(@ConfigProperty(name = "ops.console.media-sources") Optional<String> configured) {
        this.sources = parse(configured.orElse(""));
    }

    /** The sources, refused at start-up (with the offending entry) when one is not a plain https host source. */
    static List<String> parse(String configured) {
        List<String> sources = Arrays.stream(configured.strip().split("\\s+")).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        for (String source : sources) {
            if (!SOURCE.matcher(source).matches()) {
                throw new IllegalArgumentException("ops.console.media-sources: '" + source + "' is not an https host"
                        + " source such as https://media.example.com or https://*.cdninstagram.com");
            }
        }
        return sources;
    }

    /** Whether the console shows {@code mediaUrl} as an image: https, on a listed host, and not a video file. */
    public boolean shows(String mediaUrl) {
        if (mediaUrl == null || sources.isEmpty()) {
            return false;
        }
        URI uri;
        try {
            uri = new URI(mediaUrl);
        } catch (URISyntaxException e) {
            return false;
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || (uri.getPath() != null && VIDEO.matcher(uri.getPath().toLowerCase(Locale.ROOT)).matches())) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        for (String source : sources) {
            // As CSP matches a host source: *.domain is any subdomain of it; no port means the scheme's own.
            String allowed = source.substring("https://".length());
            int colon = allowed.indexOf(':');
            String allowedHost = colon < 0 ? allowed : allowed.substring(0, colon);
            int allowedPort = colon < 0 ? 443 : Integer.parseInt(allowed.substring(colon + 1));
            boolean hostMatches = allowedHost.startsWith("*.") ? host.endsWith(allowedHost.substring(1))
                    : allowedHost.equals(host);
            if (hostMatches && port == allowedPort) {
                return true;
            }
        }
        return false;
    }
}
