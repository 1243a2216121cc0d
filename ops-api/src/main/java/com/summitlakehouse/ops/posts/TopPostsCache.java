package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.database.PublicChange;
import com.summitlakehouse.ops.database.PublicChangesListener;
import com.summitlakehouse.ops.problems.ApiProblem;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The top-posts ranking is a sort over a week of posts, bound by the database at a few hundred queries a second.
 * It is computed at most once per key per expiry (quarkus.cache.caffeine."top-posts".expire-after-write) and shared
 * by every request meanwhile; concurrent misses of one key wait for the same query.
 *
 * <p>So that nobody can walk past the cache with endless distinct {@code as_of} values: an explicit {@code as_of}
 * counts to the minute (seconds and below are dropped, so every value within one minute shares one ranking), and an
 * instance computes at most {@code ops.posts.top-as-of-queries-per-second} explicit-minute rankings a second.
 *
 * <p>A hidden or deleted post must not outlive its withdrawal here, on any replica: every replica listens for the
 * database's announcements ({@link PublicChangesListener}) and drops the whole cache when posts were withdrawn,
 * whoever withdrew them. While this replica is not listening (not yet, or its connection was lost), withdrawals
 * would go unseen, so the cache is dropped and every request computes its ranking (the as_of budget still holds).
 * Other changes (new posts, counters) show within the expiry.
 */
@ApplicationScoped
public class TopPostsCache {

    /** {@code asOf} is null for "now": such rankings are recomputed, with a fresh "now", when they expire. */
    record Key(OffsetDateTime asOf, int days, int limit) {
    }

    private static final Logger LOG = Logger.getLogger(TopPostsCache.class);

    private final Cache cache;
    private final PostRepository posts;
    private final PublicChangesListener publicChanges;
    private final PerSecondBudget asOfQueries;

    TopPostsCache(@CacheName("top-posts") Cache cache, PostRepository posts, PublicChangesListener publicChanges,
            PostsConfig config) {
        this.cache = cache;
        this.posts = posts;
        this.publicChanges = publicChanges;
        this.asOfQueries = new PerSecondBudget(config.topAsOfQueriesPerSecond(), System::currentTimeMillis);
    }

    Uni<List<Post>> top(OffsetDateTime asOf, int days, int limit) {
        Key key = new Key(asOf == null ? null
                : asOf.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES), days, limit);
        if (!publicChanges.isListening()) {
            return compute(key);
        }
        return cache.getAsync(key, this::compute);
    }

    private Uni<List<Post>> compute(Key key) {
        if (key.asOf() == null) {
            return posts.top(OffsetDateTime.now(ZoneOffset.UTC), key.days(), key.limit());
        }
        if (!asOfQueries.tryTake()) {
            // A failed load is not cached: the key is computed by the first request after the refusal.
            return Uni.createFrom().failure(ApiProblem.tooManyRequests(
                    "Too many distinct as_of rankings asked for at once; try again in a second", 1));
        }
        return posts.top(key.asOf(), key.days(), key.limit());
    }

    /**
     * Posts were withdrawn, or may have been unseen: every ranking goes, rankings being computed too (they may have
     * read the withdrawn post; their waiters get them, the cache does not keep them).
     */
    void forget(@Observes PublicChange change) {
        if (change.mayHaveWithdrawnFrom(PublicChange.POSTS)) {
            cache.invalidateAll().subscribe().with(
                    dropped -> LOG.debugf("Top posts forgotten: %s", change),
                    failure -> LOG.errorf(failure, "Forgetting top posts failed"));
        }
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
