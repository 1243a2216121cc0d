package com.summitlakehouse.ops.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Answers public reads with Cache-Control and a strong ETag over the exact bytes sent, and 304 when the client
 * already holds them, so browsers and CDNs revalidate without the body.
 */
@ApplicationScoped
public class CacheableJson {

    @ConfigMapping(prefix = "ops.public-cache")
    public interface Config {
        /** Seconds a browser or CDN may reuse a public answer. */
        @WithDefault("30")
        int maxAgeSeconds();
    }

    private final ObjectMapper mapper;
    private final String cacheControl;

    CacheableJson(ObjectMapper mapper, Config config) {
        this.mapper = mapper;
        this.cacheControl = "public, max-age=" + config.maxAgeSeconds();
    }

    public Response ok(Object body, HttpHeaders headers) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response body cannot be serialised", e);
        }
        String etag = '"' + digest(bytes) + '"';
        Response.ResponseBuilder response = matches(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)
                ? Response.notModified()
                : Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, cacheControl).build();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
