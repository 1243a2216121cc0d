package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.audit.Actor;
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
     * One statement, so one batch and its audit rows are atomic. The moderation policy lives here:
     * <ul>
     * <li>a new post is visible only when its account is on the reviewed allowlist ($2, {@code platform/handle}
     * in lower case), and then with an audit row naming that rule; the payload's is_visible can only hide;</li>
     * <li>a visible post whose public content (author, caption, permalink, media, hashtags) changes goes back to
     * review, hidden and unmoderated, with an audit row, unless its account is allowlisted;</li>
     * <li>counters (likes, comments, shares) never change visibility, and nothing here ever un-hides a post.</li>
     * </ul>
     * Existing rows are rewritten only when a field really differs (their updated_at stays put otherwise). All CTEs
     * read the snapshot taken before the statement, so {@code back_to_review} judges each post as it was. xmax = 0
     * tells a freshly inserted row from an updated one.
     */
    static final String UPSERT = """
            WITH input AS (
                SELECT *
                  FROM jsonb_to_recordset($1::jsonb) AS t(
                       platform text, external_id text, author_handle text, caption text, permalink text,
                       media_url text, hashtags text[], posted_at timestamptz, like_count int, comment_count int,
                       share_count int, is_visible boolean)
            ), back_to_review AS (
                -- Visible posts whose public content changes, from accounts off the allowlist.
                SELECT p.platform, p.external_id
                  FROM social_posts p JOIN input i USING (platform, external_id)
                 WHERE p.is_visible
                   AND (p.author_handle, p.caption, p.permalink, p.media_url, p.hashtags)
                       IS DISTINCT FROM (i.author_handle, i.caption, i.permalink, i.media_url, i.hashtags)
                   AND lower(i.platform || '/' || i.author_handle) <> ALL ($2::text[])
            ), written AS (
                INSERT INTO social_posts AS p (platform, external_id, author_handle, caption, permalink, media_url,
                                               hashtags, posted_at, like_count, comment_count, share_count, is_visible)
                SELECT platform, external_id, author_handle, caption, permalink, media_url,
                       hashtags, posted_at, like_count, comment_count, share_count,
                       coalesce(is_visible, true) AND lower(platform || '/' || author_handle) = ANY ($2::text[])
                  FROM input
                ON CONFLICT (platform, external_id) DO UPDATE
                   SET author_handle = excluded.author_handle, caption = excluded.caption,
                       permalink = excluded.permalink, media_url = excluded.media_url, hashtags = excluded.hashtags,
                       posted_at = excluded.posted_at, like_count = excluded.like_count,
                       comment_count = excluded.comment_count, share_count = excluded.share_count,
                       is_visible = p.is_visible
                           AND (p.platform, p.external_id) NOT IN (SELECT platform, external_id FROM back_to_review),
                       moderated_at = CASE WHEN (p.platform, p.external_id) IN (SELECT platform, external_id
                                                                                 FROM back_to_review)
                                           THEN NULL ELSE p.moderated_at END
                 WHERE (p.author_handle, p.caption, p.permalink, p.media_url, p.hashtags, p.posted_at,
                        p.like_count, p.comment_count, p.share_count)
                       IS DISTINCT FROM
                       (excluded.author_handle, excluded.caption, excluded.permalink, excluded.media_url,
                        excluded.hashtags, excluded.posted_at, excluded.like_count, excluded.comment_count,
                        excluded.share_count)
                RETURNING platform, external_id, author_handle, is_visible, (xmax = 0) AS inserted
            ), audited AS (
                INSERT INTO moderation_audit (actor_subject, actor_name, action, target_kind, target_id, rule,
                                              before_state, after_state)
                SELECT $3, $4, 'post.auto_approve', 'post', platform || '/' || external_id,
                       'allowlist:' || lower(platform || '/' || author_handle), NULL,
                       jsonb_build_object('is_visible', true)
                  FROM written
                 WHERE inserted AND is_visible
                UNION ALL
                SELECT $3, $4, 'post.back_to_review', 'post', platform || '/' || external_id,
                       'public content changed', jsonb_build_object('is_visible', true),
                       jsonb_build_object('is_visible', false)
                  FROM written JOIN back_to_review USING (platform, external_id)
                RETURNING action
            )
            SELECT count(*) FILTER (WHERE inserted)     AS inserted,
                   count(*) FILTER (WHERE NOT inserted) AS updated,
                   (SELECT count(*) FROM input) - count(*) AS unchanged,
                   (SELECT count(*) FROM audited WHERE action = 'post.auto_approve')   AS auto_approved,
                   (SELECT count(*) FROM audited WHERE action = 'post.back_to_review') AS sent_back_to_review
              FROM written""";

    private final Database database;

    PostRepository(Database database) {
        this.database = database;
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

    /** What moderators search the feed by; each is optional. */
    record Search(Platform platform, String handle, String hashtag, String text) {
    }

    /**
     * Every post, hidden or not, newest first, for the console: {@code limit + 1} rows, as {@link #feed}. Text is
     * matched anywhere in the caption, case-insensitively; a handle and a hashtag exactly.
     */
    Uni<List<ModeratedPost>> search(Search search, Cursor before, int limit) {
        Cursor from = Cursor.after(before);
        StringBuilder sql = new StringBuilder("SELECT " + ModeratedPost.COLUMNS
                + " FROM social_posts WHERE (posted_at, id) < ($1, $2)");
        List<Object> params = new ArrayList<>(List.of(from.at(), from.id()));
        if (search.platform() != null) {
            params.add(search.platform().wire());
            sql.append(" AND platform = $").append(params.size());
        }
        if (search.handle() != null) {
            params.add(search.handle());
            sql.append(" AND lower(author_handle) = lower($").append(params.size()).append(')');
        }
        if (search.hashtag() != null) {
            params.add(new String[] {search.hashtag()});
            sql.append(" AND hashtags @> $").append(params.size()).append("::text[]");
        }
        if (search.text() != null) {
            params.add("%" + search.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            sql.append(" AND caption ILIKE $").append(params.size());
        }
        params.add(limit + 1);
        sql.append(" ORDER BY posted_at DESC, id DESC LIMIT $").append(params.size());
        return database.execute(sql.toString(), Tuple.from(params)).map(rows -> {
            List<ModeratedPost> found = new ArrayList<>(rows.size());
            for (Row row : rows) {
                found.add(ModeratedPost.from(row));
            }
            return found;
        });
    }

    Uni<List<Post>> top(OffsetDateTime asOf, int days, int limit) {
        return database.execute(TOP, Tuple.of(asOf, days, limit)).map(PostRepository::posts);
    }

    Uni<UpsertCounts> upsert(List<ValidPost> posts, String[] allowlist, Actor actor) {
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
        return database.execute(UPSERT, Tuple.of(batch, allowlist, actor.subject(), actor.name())).map(rows -> {
            Row row = rows.iterator().next();
            return new UpsertCounts(row.getLong("inserted"), row.getLong("updated"), row.getLong("unchanged"),
                    row.getLong("auto_approved"), row.getLong("sent_back_to_review"));
        });
    }

    private static List<Post> posts(RowSet<Row> rows) {
        List<Post> posts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            posts.add(Post.from(row));
        }
        return posts;
    }
}
