package com.summitlakehouse.ops.questions;

import com.fasterxml.jackson.annotation.JsonValue;
import com.summitlakehouse.ops.json.WireValue;
import java.util.Locale;

/** Where a question is in moderation; only {@link #PUBLISHED} is ever public. */
public enum QuestionStatus implements WireValue {
    PENDING, ANSWERED, PUBLISHED, REJECTED;

    @JsonValue
    @Override
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    static QuestionStatus parse(String field, String value) {
        return WireValue.parse(field, value, values());
    }
}
