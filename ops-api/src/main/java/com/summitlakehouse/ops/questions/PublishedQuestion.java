package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.paging.Cursor;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;

/** A published question and its answer, as the public site shows it. */
public record PublishedQuestion(long id, String askerName, String questionText, String answerText,
        OffsetDateTime answeredAt, OffsetDateTime publishedAt) {

    static final String COLUMNS = "id, asker_name, question_text, answer_text, answered_at, published_at";

    static PublishedQuestion from(Row row) {
        return new PublishedQuestion(row.getLong("id"), row.getString("asker_name"), row.getString("question_text"),
                row.getString("answer_text"), row.getOffsetDateTime("answered_at"),
                row.getOffsetDateTime("published_at"));
    }

    Cursor cursor() {
        return new Cursor(publishedAt, id);
    }

    /** What a CDN purges every stored answer holding this question by (see CacheableJson). */
    String surrogateKey() {
        return "question-" + id;
    }
}
