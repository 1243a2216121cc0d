package com.summitlakehouse.ops.posts;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** A post's moderation state, as the moderators' tools see it after a change. */
public record PostModeration(Platform platform, String externalId, boolean isVisible, OffsetDateTime moderatedAt,
        OffsetDateTime updatedAt) {

    static PostModeration from(Row row) {
        return new PostModeration(Platform.parse("platform", row.getString("platform")), row.getString("external_id"),
                row.getBoolean("is_visible"), row.getOffsetDateTime("moderated_at"), row.getOffsetDateTime("updated_at"));
    }
}
