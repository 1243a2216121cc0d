package com.summitlakehouse.ops.audit;

import com.summitlakehouse.ops.paging.Cursor;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of the audit trail, as moderators read it. */
public record AuditEntry(
        long id,
        OffsetDateTime recordedAt,
        String actorSubject,
        @Schema(nullable = true) String actorName,
        @Schema(description = "One of post.show, post.hide, post.auto_approve, post.back_to_review, question.answer, "
                + "question.publish, question.unpublish, question.reject") String action,
        @Schema(enumeration = {"post", "question"}) String targetKind,
        @Schema(description = "platform/external_id of a post, or a question's id") String targetId,
        @Schema(nullable = true, description = "The reviewed rule behind an automatic action") String rule,
        @Schema(nullable = true, description = "The moderated fields before the change (null: a new post)")
        Map<String, Object> before,
        @Schema(description = "The moderated fields after the change") Map<String, Object> after) {

    static final String COLUMNS =
            "id, recorded_at, actor_subject, actor_name, action, target_kind, target_id, rule, before_state, after_state";

    static AuditEntry from(Row row) {
        return new AuditEntry(row.getLong("id"), row.getOffsetDateTime("recorded_at"), row.getString("actor_subject"),
                row.getString("actor_name"), row.getString("action"), row.getString("target_kind"),
                row.getString("target_id"), row.getString("rule"), map(row.getJsonObject("before_state")),
                map(row.getJsonObject("after_state")));
    }

    private static Map<String, Object> map(JsonObject json) {
        return json == null ? null : json.getMap();
    }

    Cursor cursor() {
        return new Cursor(recordedAt, id);
    }
}
