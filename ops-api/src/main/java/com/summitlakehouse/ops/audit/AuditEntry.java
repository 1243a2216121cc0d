package com.summitlakehouse.ops.audit;

import com.summitlakehouse.ops.paging.Cursor;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One row of the audit trail, as moderators read it. */
public record AuditEntry(
        long id,
        OffsetDateTime recordedAt,
        String actorSubject,
        @Schema(nullable = true) String actorName,
        @Schema(description = "One of post.show, post.hide, post.auto_approve, post.back_to_review, post.undo_hide, "
                + "question.answer, question.publish, question.unpublish, question.reject, question.undo_reject")
        String action,
        @Schema(enumeration = {"post", "question"}) String targetKind,
        @Schema(description = "platform/external_id of a post, or a question's id") String targetId,
        @Schema(nullable = true, description = "The reviewed rule behind an automatic action") String rule,
        @Schema(nullable = true, description = "The moderated fields before the change (null: a new post)")
        Map<String, Object> before,
        @Schema(description = "The moderated fields after the change") Map<String, Object> after,
        @Schema(nullable = true, description = "The reason the moderator chose") String reason,
        @Schema(nullable = true, description = "The entry an undo reverses") Long reverses) {

    static final String COLUMNS = "id, recorded_at, actor_subject, actor_name, action, target_kind, target_id, rule,"
            + " before_state, after_state, reason, reverses";

    /** How the console names the moderated fields. */
    private static final Map<String, String> LABELS = Map.of("is_visible", "on the site", "reviewed",
            "reviewed by a moderator", "status", "status", "answer_text", "answer");

    static AuditEntry from(Row row) {
        return new AuditEntry(row.getLong("id"), row.getOffsetDateTime("recorded_at"), row.getString("actor_subject"),
                row.getString("actor_name"), row.getString("action"), row.getString("target_kind"),
                row.getString("target_id"), row.getString("rule"), map(row.getJsonObject("before_state")),
                map(row.getJsonObject("after_state")), row.getString("reason"), row.getLong("reverses"));
    }

    private static Map<String, Object> map(JsonObject json) {
        return json == null ? null : json.getMap();
    }

    Cursor cursor() {
        return new Cursor(recordedAt, id);
    }

    /** One moderated field that changed, in words. */
    public record FieldChange(String field, String before, String after) {
    }

    /** The fields the change changed, before and after, as people read them (a new post: from nothing). */
    public List<FieldChange> changes() {
        Set<String> fields = new LinkedHashSet<>(after.keySet());
        if (before != null) {
            fields.addAll(before.keySet());
        }
        List<FieldChange> changes = new ArrayList<>();
        for (String field : fields) {
            Object was = before == null ? null : before.get(field);
            Object is = after.get(field);
            if (before == null || !Objects.equals(was, is)) {
                changes.add(new FieldChange(LABELS.getOrDefault(field, field.replace('_', ' ')), words(was),
                        words(is)));
            }
        }
        return changes;
    }

    private static String words(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof Boolean flag) {
            return flag ? "yes" : "no";
        }
        String text = value.toString();
        return text.length() > 120 ? text.substring(0, 119) + "…" : text;
    }
}
