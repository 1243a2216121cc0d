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
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Answers public reads with Cache-Control and a strong ETag over the exact bytes sent, and 304 when the client
 * already holds them, so browsers and CDNs revalidate without the body. Each answer also names what it holds in a
 * surrogate-key header (Fastly's Surrogate-Key, Cloudflare's and Akamai's Cache-Tag...), so that a CDN can purge
 * every stored answer holding a post or a question when it is withdrawn, instead of waiting out max-age.
 */
@ApplicationScoped
public class CacheableJson {

    /** The kinds of public answer, each with a lifetime of its own and the surrogate key of its group. */
    public enum Answer {
        /** GET /api/v1/posts */
        POSTS("posts"),
        /** GET /api/v1/posts/top */
        TOP_POSTS("posts"),
        /** GET /api/v1/questions */
        QUESTIONS("questions");

        private final String groupKey;

        Answer(String groupKey) {
            this.groupKey = groupKey;
        }
    }

    /** How the keys of one header are separated: a space for Surrogate-Key, a comma for Cache-Tag. */
    public enum Separator {
        SPACE(" "), COMMA(",");

        private final String text;

        Separator(String text) {
            this.text = text;
        }
    }

    @ConfigMapping(prefix = "ops.public-cache")
    public interface Config {
        /** Seconds a browser or CDN may reuse a public answer: the default of the three lifetimes below. */
        @WithDefault("30")
        int maxAgeSeconds();

        /** Seconds a browser or CDN may reuse a page of the feed. */
        @WithDefault("30")
        int postsMaxAgeSeconds();

        /** Seconds a browser or CDN may reuse a top-posts ranking, on top of ops.posts.top-max-staleness. */
        @WithDefault("30")
        int topPostsMaxAgeSeconds();

        /** Seconds a browser or CDN may reuse a page of published questions. */
        @WithDefault("30")
        int questionsMaxAgeSeconds();

        /** The header that names the surrogate keys of an answer. */
        @WithDefault("Surrogate-Key")
        String surrogateKeyHeader();

        @WithDefault("space")
        Separator surrogateKeySeparator();
    }

    /**
     * Item keys beyond this many are left out (the group key still covers them). Pages hold at most 100 items, so it
     * does not bite today; it keeps the header small whatever a page becomes, as CDNs limit both its size and the
     * number of keys it names.
     */
    static final int MOST_ITEM_KEYS = 100;

    private final ObjectMapper mapper;
    private final Map<Answer, String> cacheControl = new EnumMap<>(Answer.class);
    private final String surrogateKeyHeader;
    private final String separator;

    CacheableJson(ObjectMapper mapper, Config config) {
        this.mapper = mapper;
        cacheControl.put(Answer.POSTS, cacheControl("ops.public-cache.posts-max-age-seconds",
                config.postsMaxAgeSeconds()));
        cacheControl.put(Answer.TOP_POSTS, cacheControl("ops.public-cache.top-posts-max-age-seconds",
                config.topPostsMaxAgeSeconds()));
        cacheControl.put(Answer.QUESTIONS, cacheControl("ops.public-cache.questions-max-age-seconds",
                config.questionsMaxAgeSeconds()));
        this.surrogateKeyHeader = config.surrogateKeyHeader().strip();
        if (!surrogateKeyHeader.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("ops.public-cache.surrogate-key-header must be a header name "
                    + "(letters, digits, '-'), not '" + config.surrogateKeyHeader() + "'");
        }
        this.separator = config.surrogateKeySeparator().text;
    }

    /**
     * {@code body} as a public answer of kind {@code answer}; {@code itemKeys} are the surrogate keys of what it
     * holds (e.g. {@code post-42}), each made of letters, digits and '-' only.
     */
    public Response ok(Object body, HttpHeaders headers, Answer answer, List<String> itemKeys) {
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
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl.get(answer))
                .header(surrogateKeyHeader, surrogateKeys(answer, itemKeys))
                .build();
    }

    private String surrogateKeys(Answer answer, List<String> itemKeys) {
        StringBuilder keys = new StringBuilder(answer.groupKey);
        for (String key : itemKeys.subList(0, Math.min(itemKeys.size(), MOST_ITEM_KEYS))) {
            keys.append(separator).append(key);
        }
        return keys.toString();
    }

    private static String cacheControl(String setting, int maxAgeSeconds) {
        if (maxAgeSeconds < 0) {
            throw new IllegalArgumentException(setting + " must be 0 or more seconds, not " + maxAgeSeconds);
        }
        return "public, max-age=" + maxAgeSeconds;
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
