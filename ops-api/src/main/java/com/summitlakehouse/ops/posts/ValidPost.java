package com.summitlakehouse.ops.posts;

import java.time.OffsetDateTime;
import java.util.List;

/** A post that passed validation: trimmed, normalised hashtags, counts defaulted to zero. */
record ValidPost(
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
        int shareCount,
        Boolean isVisible) {
}
