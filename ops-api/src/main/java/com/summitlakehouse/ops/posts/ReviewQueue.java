package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.console.ConsoleTimes;
import com.summitlakehouse.ops.console.QueueGauges;
import com.summitlakehouse.ops.database.Database;
import com.summitlakehouse.ops.paging.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The posts waiting for a moderator, oldest first: hidden and never moderated, either never reviewed (new from an
 * account off the allowlist) or sent back to review (a visible post whose public content changed; waiting since
 * then). Posts a moderator hid are not waiting; they are counted apart.
 *
 * <p>Each count also sets the queues' gauges ({@link QueueGauges}).
 */
@ApplicationScoped
public class ReviewQueue {

    /** Waiting posts with the time they started waiting and, for those sent back, when. */
    static final String WAITING = "WITH waiting AS (SELECT " + ModeratedPost.COLUMNS.replaceAll("(^|, )", "$1p.")
            + """
            , b.recorded_at AS sent_back_at, coalesce(b.recorded_at, p.created_at) AS waiting_since
                  FROM social_posts p
                  LEFT JOIN LATERAL (SELECT a.recorded_at FROM moderation_audit a
                                      WHERE a.target_kind = 'post' AND a.action = 'post.back_to_review'
                                        AND a.target_id = p.platform || '/' || p.external_id
                                      ORDER BY a.recorded_at DESC, a.id DESC LIMIT 1) b ON true
                 WHERE NOT p.is_visible AND p.moderated_at IS NULL
            )
            SELECT * FROM waiting WHERE (waiting_since, id) > ($1, $2) ORDER BY waiting_since, id LIMIT $3""";

    static final String COUNTS = """
            WITH waiting AS (
                SELECT p.created_at,
                       (SELECT max(a.recorded_at) FROM moderation_audit a
                         WHERE a.target_kind = 'post' AND a.action = 'post.back_to_review'
                           AND a.target_id = p.platform || '/' || p.external_id) AS sent_back_at
                  FROM social_posts p
                 WHERE NOT p.is_visible AND p.moderated_at IS NULL
            )
            SELECT count(*) FILTER (WHERE sent_back_at IS NULL)     AS never_reviewed,
                   count(*) FILTER (WHERE sent_back_at IS NOT NULL) AS sent_back,
                   min(coalesce(sent_back_at, created_at))          AS oldest_post,
                   (SELECT count(*) FROM social_posts WHERE NOT is_visible AND moderated_at IS NOT NULL) AS hidden,
                   (SELECT count(*) FROM qa_questions WHERE status = 'pending')          AS pending_questions,
                   (SELECT min(submitted_at) FROM qa_questions WHERE status = 'pending') AS oldest_question
              FROM waiting""";

    /** Posts' keys (platform/external_id) by id, as moderators know them. */
    static final String KEYS = "SELECT id, platform || '/' || external_id AS key FROM social_posts WHERE id = ANY($1)";

    /** The first page's position: before every real post. */
    static final Cursor START = new Cursor(OffsetDateTime.parse("0001-01-01T00:00:00Z"), 0);

    /** A waiting post: sentBackAt is null for one never reviewed. */
    public record Waiting(ModeratedPost post, OffsetDateTime waitingSince, OffsetDateTime sentBackAt) {
        Cursor cursor() {
            return new Cursor(waitingSince, post.post().id());
        }

        public String waited() {
            return ConsoleTimes.ago(waitingSince);
        }
    }

    /** The queues' figures; the oldest times are null for an empty queue. */
    public record Counts(long neverReviewed, long sentBack, long hidden, OffsetDateTime oldestPost,
            long pendingQuestions, OffsetDateTime oldestQuestion) {

        public long waiting() {
            return neverReviewed + sentBack;
        }

        public String oldestWaited() {
            return oldestPost == null ? "" : ConsoleTimes.ago(oldestPost);
        }
    }

    private final Database database;
    private final QueueGauges gauges;

    ReviewQueue(Database database, QueueGauges gauges) {
        this.database = database;
        this.gauges = gauges;
    }

    /** Oldest first, {@code limit + 1} rows so that the caller can tell whether a next page exists. */
    Uni<List<Waiting>> waiting(Cursor after, int limit) {
        Cursor from = after == null ? START : after;
        return database.execute(WAITING, Tuple.of(from.at(), from.id(), limit + 1)).map(rows -> {
            List<Waiting> found = new ArrayList<>(rows.size());
            for (Row row : rows) {
                found.add(new Waiting(ModeratedPost.from(row), row.getOffsetDateTime("waiting_since"),
                        row.getOffsetDateTime("sent_back_at")));
            }
            return found;
        });
    }

    /** The keys of the posts with these ids; ids of posts that no longer exist are left out. */
    public Uni<java.util.Map<Long, String>> keys(List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return database.execute(KEYS, Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
            java.util.Map<Long, String> keys = new java.util.HashMap<>();
            for (Row row : rows) {
                keys.put(row.getLong("id"), row.getString("key"));
            }
            return keys;
        });
    }

    /** The figures of every queue, also handed to the gauges. */
    public Uni<Counts> counts() {
        return database.execute(COUNTS, Tuple.tuple()).map(rows -> {
            Row row = rows.iterator().next();
            Counts counts = new Counts(row.getLong("never_reviewed"), row.getLong("sent_back"), row.getLong("hidden"),
                    row.getOffsetDateTime("oldest_post"), row.getLong("pending_questions"),
                    row.getOffsetDateTime("oldest_question"));
            gauges.posts(counts.waiting(), counts.oldestPost());
            gauges.questions(counts.pendingQuestions(), counts.oldestQuestion());
            return counts;
        });
    }
}
