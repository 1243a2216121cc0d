package com.summitlakehouse.ops.posts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.summitlakehouse.ops.common.Cursor;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A visible post as the public site shows it. */
public record Post(
        @JsonIgnore long id,
        Platform platform,
        String externalId,
        String authorHandle,
        String caption,
        String permalink,
        String mediaUrl,
        List<String> hashtags,
        OffsetDateTime postedAt,
        int likeCount,
        int commentCount,
        int shareCount) {

    /** The columns {@link #from(Row)} reads, for the SELECT lists of {@link PostRepository}. */
    static final String COLUMNS = "id, platform, external_id, author_handle, caption, permalink, media_url, hashtags, "
            + "posted_at, like_count, comment_count, share_count";

    static Post from(Row row) {
        return new Post(
                row.getLong("id"),
                Platform.parse("platform", row.getString("platform")),
                row.getString("external_id"),
                row.getString("author_handle"),
                row.getString("caption"),
                row.getString("permalink"),
                row.getString("media_url"),
                Arrays.asList(row.getArrayOfStrings("hashtags")),
                row.getOffsetDateTime("posted_at"),
                row.getInteger("like_count"),
                row.getInteger("comment_count"),
                row.getInteger("share_count"));
    }

    Cursor cursor() {
        return new Cursor(postedAt, id);
    }
}
