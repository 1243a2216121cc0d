package bench.freshness;

import bench.common.SeededPosts;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Posts as ops-api's batch upsert takes them (JSON): the seeded ones, and new ones of the feed. */
final class GeneratedPosts {
    /** The account the script's ops-api allowlists: its new posts are visible at once, as the journey's own are. */
    static final String JOURNEY_ACCOUNT = "@summitjourney";

    private GeneratedPosts() {
    }

    /** Post i exactly as the script's SQL seeded it, with the given like count. */
    static String seededPost(long i, long t0, long stepMicros, long likeCount) {
        return post(SeededPosts.platform(i), SeededPosts.externalId(i), "@traveller" + (i % 500),
                "Day " + (i % 35 + 1) + " of the journey, mile " + (i % 9000), "https://social.example.com/p/" + i,
                "https://cdn.example.com/m/" + i + ".jpg", "city" + (i % 25), postedAt(i, t0, stepMicros),
                likeCount, (i * 11) % 300, (i * 7) % 100);
    }

    static Instant postedAt(long i, long t0, long stepMicros) {
        return Instant.ofEpochSecond(t0).minus(i * stepMicros, ChronoUnit.MICROS);
    }

    static String post(String platform, String externalId, String author, String caption, String permalink,
            String media, String city, Instant postedAt, long likes, long comments, long shares) {
        return String.format("{\"platform\":\"%s\",\"external_id\":\"%s\",\"author_handle\":\"%s\",\"caption\":\"%s\","
                        + "\"permalink\":\"%s\",\"media_url\":\"%s\",\"hashtags\":[\"summitroadtrip\",\"%s\"],"
                        + "\"posted_at\":\"%s\",\"like_count\":%d,\"comment_count\":%d,\"share_count\":%d}",
                platform, externalId, author, caption, permalink, media, city, postedAt, likes, comments, shares);
    }
}
