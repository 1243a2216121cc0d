package com.summitlakehouse.ops.posts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.summitlakehouse.ops.paging.Cursor;
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

    /** The columns {@link #from(Row)} reads, in this order, for the SELECT lists of {@link PostRepository}. */
    static final String COLUMNS = "id, platform, external_id, author_handle, caption, permalink, media_url, hashtags, "
            + "posted_at, like_count, comment_count, share_count";

    /** Reads by position (the order of {@link #COLUMNS}): name lookups cost more than the decoding on a 50-row page. */
    static Post from(Row row) {
        return new Post(
                row.getLong(0),
                Platform.parse("platform", row.getString(1)),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                Arrays.asList(row.getArrayOfStrings(7)),
                row.getOffsetDateTime(8),
                row.getInteger(9),
                row.getInteger(10),
                row.getInteger(11));
    }

    Cursor cursor() {
        return new Cursor(postedAt, id);
    }

    /** What a CDN purges every stored answer holding this post by (see CacheableJson). */
    String surrogateKey() {
        return "post-" + id;
    }
}
