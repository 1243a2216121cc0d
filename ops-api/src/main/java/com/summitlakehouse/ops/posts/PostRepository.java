package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.audit.AuditAction;
import com.summitlakehouse.ops.audit.AuditTrail;
import com.summitlakehouse.ops.database.Database;
import com.summitlakehouse.ops.paging.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** All SQL of the social feed. Every public read filters on is_visible; nothing else decides what is public. */
@ApplicationScoped
public class PostRepository {

    static final String FEED = "SELECT " + Post.COLUMNS + " FROM social_posts WHERE is_visible";

    static final String TOP = "SELECT " + Post.COLUMNS + """
             FROM social_posts
            WHERE is_visible
              AND posted_at >  $1::timestamptz - make_interval(days => $2)
              AND posted_at <= $1::timestamptz
            ORDER BY like_count + comment_count + share_count DESC, posted_at DESC, id DESC
            LIMIT $3""";

    /**
     * One statement, so one batch is atomic. Existing rows are rewritten only when a field really differs (their
     * updated_at stays put otherwise), and is_visible is never in the SET list: ingestion cannot un-hide a post.
     * xmax = 0 tells a freshly inserted row from an updated one.
     */
    static final String UPSERT = """
            WITH input AS (
                SELECT *
                  FROM jsonb_to_recordset($1::jsonb) AS t(
                       platform text, external_id text, author_handle text, caption text, permalink text,
                       media_url text, hashtags text[], posted_at timestamptz, like_count int, comment_count int,
                       share_count int, is_visible boolean)
            ), written AS (
                INSERT INTO social_posts AS p (platform, external_id, author_handle, caption, permalink, media_url,
                                               hashtags, posted_at, like_count, comment_count, share_count, is_visible)
                SELECT platform, external_id, author_handle, caption, permalink, media_url,
                       hashtags, posted_at, like_count, comment_count, share_count, coalesce(is_visible, $2)
                  FROM input
                ON CONFLICT (platform, external_id) DO UPDATE
                   SET author_handle = excluded.author_handle, caption = excluded.caption,
                       permalink = excluded.permalink, media_url = excluded.media_url, hashtags = excluded.hashtags,
                       posted_at = excluded.posted_at, like_count = excluded.like_count,
                       comment_count = excluded.comment_count, share_count = excluded.share_count
                 WHERE (p.author_handle, p.caption, p.permalink, p.media_url, p.hashtags, p.posted_at,
                        p.like_count, p.comment_count, p.share_count)
                       IS DISTINCT FROM
                       (excluded.author_handle, excluded.caption, excluded.permalink, excluded.media_url,
                        excluded.hashtags, excluded.posted_at, excluded.like_count, excluded.comment_count,
                        excluded.share_count)
                RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted)     AS inserted,
                   count(*) FILTER (WHERE NOT inserted) AS updated,
                   (SELECT count(*) FROM input) - count(*) AS unchanged
              FROM written""";

    static final String LOCK_FOR_MODERATION = """
            SELECT is_visible FROM social_posts WHERE platform = $1 AND external_id = $2 FOR UPDATE""";

    static final String SET_VISIBILITY = """
            UPDATE social_posts
               SET is_visible = $3, moderated_at = now()
             WHERE platform = $1 AND external_id = $2
            RETURNING platform, external_id, is_visible, moderated_at, updated_at""";

    private final Database database;
    private final AuditTrail audit;

    PostRepository(Database database, AuditTrail audit) {
        this.database = database;
        this.audit = audit;
    }

    /**
     * Visible posts, newest first, {@code limit + 1} rows so that the caller can tell whether a next page exists.
     * The keyset condition is always there (a first page starts at {@link Cursor#START}); only the optional filters
     * change the statement.
     */
    Uni<List<Post>> feed(Platform platform, String hashtag, Cursor before, int limit) {
        Cursor from = Cursor.after(before);
        StringBuilder sql = new StringBuilder(FEED).append(" AND (posted_at, id) < ($1, $2)");
        List<Object> params = new ArrayList<>(List.of(from.at(), from.id()));
        if (platform != null) {
            params.add(platform.wire());
            sql.append(" AND platform = $").append(params.size());
        }
        if (hashtag != null) {
            params.add(new String[] {hashtag});
            sql.append(" AND hashtags @> $").append(params.size()).append("::text[]");
        }
        params.add(limit + 1);
        sql.append(" ORDER BY posted_at DESC, id DESC LIMIT $").append(params.size());
        return database.execute(sql.toString(), Tuple.from(params)).map(PostRepository::posts);
    }

    Uni<List<Post>> top(OffsetDateTime asOf, int days, int limit) {
        return database.execute(TOP, Tuple.of(asOf, days, limit)).map(PostRepository::posts);
    }

    Uni<UpsertCounts> upsert(List<ValidPost> posts, boolean visibleByDefault) {
        JsonArray batch = new JsonArray();
        for (ValidPost post : posts) {
            batch.add(new JsonObject()
                    .put("platform", post.platform().wire())
                    .put("external_id", post.externalId())
                    .put("author_handle", post.authorHandle())
                    .put("caption", post.caption())
                    .put("permalink", post.permalink())
                    .put("media_url", post.mediaUrl())
                    .put("hashtags", new JsonArray(post.hashtags()))
                    .put("posted_at", post.postedAt().toString())
                    .put("like_count", post.likeCount())
                    .put("comment_count", post.commentCount())
                    .put("share_count", post.shareCount())
                    .put("is_visible", post.isVisible()));
        }
        return database.execute(UPSERT, Tuple.of(batch, visibleByDefault)).map(rows -> {
            Row row = rows.iterator().next();
            return new UpsertCounts(row.getLong("inserted"), row.getLong("updated"), row.getLong("unchanged"));
        });
    }

    /**
     * The post after moderation, or null when no such post exists. The change and its audit row commit together;
     * the lock makes "before" the state this change started from.
     */
    Uni<PostModeration> setVisibility(Platform platform, String externalId, boolean visible, Actor actor) {
        Tuple key = Tuple.of(platform.wire(), externalId);
        return database.inTransaction(connection -> connection.preparedQuery(LOCK_FOR_MODERATION).execute(key)
                .flatMap(current -> {
                    if (current.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    boolean before = current.iterator().next().getBoolean("is_visible");
                    return connection.preparedQuery(SET_VISIBILITY)
                            .execute(Tuple.of(platform.wire(), externalId, visible))
                            .map(rows -> PostModeration.from(rows.iterator().next()))
                            .call(after -> audit.record(connection, actor,
                                    visible ? AuditAction.POST_SHOW : AuditAction.POST_HIDE, "post",
                                    platform.wire() + "/" + externalId, new JsonObject().put("is_visible", before),
                                    new JsonObject().put("is_visible", after.isVisible())));
                }), true);
    }

    private static List<Post> posts(RowSet<Row> rows) {
        List<Post> posts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            posts.add(Post.from(row));
        }
        return posts;
    }
}
