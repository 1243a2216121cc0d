package com.summitlakehouse.ops.posts;

import com.summitlakehouse.ops.paging.Cursor;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** A post as moderators see it in the console: the public one, and whether the public sees it. */
public record ModeratedPost(Post post, boolean isVisible, OffsetDateTime moderatedAt) {

    static final String COLUMNS = Post.COLUMNS + ", is_visible, moderated_at";

    static ModeratedPost from(Row row) {
        return new ModeratedPost(Post.from(row), row.getBoolean("is_visible"), row.getOffsetDateTime("moderated_at"));
    }

    /** platform/external_id, as the audit trail names posts. */
    public String key() {
        return post.platform().wire() + "/" + post.externalId();
    }

    Cursor cursor() {
        return new Cursor(post.postedAt(), post.id());
    }
}
