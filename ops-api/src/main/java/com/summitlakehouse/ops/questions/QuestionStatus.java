package com.summitlakehouse.ops.questions;

import com.fasterxml.jackson.annotation.JsonValue;
import com.summitlakehouse.ops.common.ApiProblem;
import java.util.Arrays;
import java.util.Locale;

/** Where a question is in moderation; only {@link #PUBLISHED} is ever public. */
public enum QuestionStatus {
    PENDING, ANSWERED, PUBLISHED, REJECTED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wire();
    }

    static QuestionStatus parse(String field, String value) {
        for (QuestionStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw ApiProblem.invalid(field, "must be one of " + Arrays.toString(values()));
    }
}
