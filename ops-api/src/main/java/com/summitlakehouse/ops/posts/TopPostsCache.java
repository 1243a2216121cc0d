package com.summitlakehouse.ops.posts;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The top-posts ranking is a sort over a week of posts, bound by the database at a few hundred queries a second.
 * It is computed at most once per key per expiry (quarkus.cache.caffeine."top-posts".expire-after-write) and shared
 * by every request meanwhile; concurrent misses of one key wait for the same query.
 */
@ApplicationScoped
public class TopPostsCache {

    /** {@code asOf} is null for "now": such rankings are recomputed, with a fresh "now", when they expire. */
    record Key(OffsetDateTime asOf, int days, int limit) {
    }

    private final Cache cache;
    private final PostRepository posts;

    TopPostsCache(@CacheName("top-posts") Cache cache, PostRepository posts) {
        this.cache = cache;
        this.posts = posts;
    }

    Uni<List<Post>> top(OffsetDateTime asOf, int days, int limit) {
        Key key = new Key(asOf == null ? null : asOf.withOffsetSameInstant(ZoneOffset.UTC), days, limit);
        return cache.getAsync(key, k -> posts.top(k.asOf() == null ? OffsetDateTime.now(ZoneOffset.UTC) : k.asOf(),
                k.days(), k.limit()));
    }
}
