package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.paging.Cursor;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** A question with its whole moderation state, as moderators see it. */
public record Question(long id, String askerName, String questionText, QuestionStatus status, String answerText,
        OffsetDateTime submittedAt, OffsetDateTime answeredAt, OffsetDateTime publishedAt, OffsetDateTime updatedAt) {

    static final String COLUMNS =
            "id, asker_name, question_text, status, answer_text, submitted_at, answered_at, published_at, updated_at";

    static Question from(Row row) {
        return new Question(row.getLong("id"), row.getString("asker_name"), row.getString("question_text"),
                QuestionStatus.parse("status", row.getString("status")), row.getString("answer_text"),
                row.getOffsetDateTime("submitted_at"), row.getOffsetDateTime("answered_at"),
                row.getOffsetDateTime("published_at"), row.getOffsetDateTime("updated_at"));
    }

    Cursor queueCursor() {
        return new Cursor(submittedAt, id);
    }
}
