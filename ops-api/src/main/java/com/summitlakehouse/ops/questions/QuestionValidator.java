package com.summitlakehouse.ops.questions;

import com.summitlakehouse.ops.input.TextRules;
import com.summitlakehouse.ops.problems.ApiProblem;
import com.summitlakehouse.ops.problems.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the Q&A's text, in one place as the feed's are in PostBatchValidator: what a visitor may ask and
 * what a moderator may answer. Every problem is reported at once, each naming its field.
 */
final class QuestionValidator {

    static final int MAX_QUESTION = 1000;
    static final int MAX_ASKER_NAME = 80;
    static final int MAX_ANSWER = 5000;
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** A submission as it will be stored; {@code idempotencyKey} null when the client sent none. */
    record ValidSubmission(String questionText, String askerName, String idempotencyKey) {
    }

    private QuestionValidator() {
    }

    static ValidSubmission submission(QuestionSubmission submission, String idempotencyKey) {
        List<FieldError> errors = new ArrayList<>();
        String text = TextRules.text(errors, "question_text", submission == null ? null : submission.questionText(),
                true, MAX_QUESTION, true);
        String asker = TextRules.text(errors, "asker_name", submission == null ? null : submission.askerName(),
                false, MAX_ASKER_NAME, false);
        String key = idempotencyKey(errors, idempotencyKey);
        ApiProblem.failIfAny(errors);
        return new ValidSubmission(text, asker, key);
    }

    static String answer(AnswerText body) {
        List<FieldError> errors = new ArrayList<>();
        String answer = TextRules.text(errors, "answer_text", body == null ? null : body.answerText(), true,
                MAX_ANSWER, true);
        ApiProblem.failIfAny(errors);
        return answer;
    }

    private static String idempotencyKey(List<FieldError> errors, String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            errors.add(new FieldError(IDEMPOTENCY_KEY, "must be 1..255 printable ASCII characters without spaces"));
            return null;
        }
        return key;
    }
}
