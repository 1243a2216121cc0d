package com.summitlakehouse.ops.posts;

import java.time.OffsetDateTime;
import java.util.List;

/** One post of an ingestion batch, as sent; {@link PostBatchValidator} turns it into a {@link ValidPost}. */
public record PostInput(
        Platform platform,
        String externalId,
        String authorHandle,
        String caption,
        String permalink,
        String mediaUrl,
        List<String> hashtags,
        OffsetDateTime postedAt,
        Integer likeCount,
        Integer commentCount,
        Integer shareCount,
        Boolean isVisible) {
}
