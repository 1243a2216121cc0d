package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.problems.ApiProblem;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The top-posts ranking is a sort over a week of posts, bound by the database at a few hundred queries a second.
 * It is computed at most once per key per expiry (quarkus.cache.caffeine."top-posts".expire-after-write) and shared
 * by every request meanwhile; concurrent misses of one key wait for the same query.
 *
 * <p>So that nobody can walk past the cache with endless distinct {@code as_of} values: an explicit {@code as_of}
 * counts to the minute (seconds and below are dropped, so every value within one minute shares one ranking), and an
 * instance computes at most {@code ops.posts.top-as-of-queries-per-second} explicit-minute rankings a second.
 */
@ApplicationScoped
public class TopPostsCache {

    /** {@code asOf} is null for "now": such rankings are recomputed, with a fresh "now", when they expire. */
    record Key(OffsetDateTime asOf, int days, int limit) {
    }

    private final Cache cache;
    private final PostRepository posts;
    private final PerSecondBudget asOfQueries;

    TopPostsCache(@CacheName("top-posts") Cache cache, PostRepository posts, PostsConfig config) {
        this.cache = cache;
        this.posts = posts;
        this.asOfQueries = new PerSecondBudget(config.topAsOfQueriesPerSecond(), System::currentTimeMillis);
    }

    Uni<List<Post>> top(OffsetDateTime asOf, int days, int limit) {
        Key key = new Key(asOf == null ? null
                : asOf.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES), days, limit);
        return cache.getAsync(key, k -> {
            if (k.asOf() == null) {
                return posts.top(OffsetDateTime.now(ZoneOffset.UTC), k.days(), k.limit());
            }
            if (!asOfQueries.tryTake()) {
                // A failed load is not cached: the key is computed by the first request after the refusal.
                return Uni.createFrom().failure(ApiProblem.tooManyRequests(
                        "Too many distinct as_of rankings asked for at once; try again in a second", 1));
            }
            return posts.top(k.asOf(), k.days(), k.limit());
        });
    }

    /** At most {@code perSecond} takes in each wall-clock second; shared by every request of the instance. */
    static final class PerSecondBudget {
        private final int perSecond;
        private final LongSupplier millis;
        private long second;
        private int taken;

        PerSecondBudget(int perSecond, LongSupplier millis) {
            this.perSecond = perSecond;
            this.millis = millis;
        }

        synchronized boolean tryTake() {
            long now = millis.getAsLong() / 1000;
            if (now != second) {
                second = now;
                taken = 0;
            }
            if (taken >= perSecond) {
                return false;
            }
            taken++;
            return true;
        }
    }
}
