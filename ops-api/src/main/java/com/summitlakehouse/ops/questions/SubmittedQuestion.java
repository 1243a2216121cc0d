package com.summitlakehouse.ops.questions;

/** The answer to a submission: the new question's id and its (always pending) status. */
public record SubmittedQuestion(long id, QuestionStatus status) {
}
