package com.summitlakehouse.ops.questions;

/** A visitor's question, as posted. */
public record QuestionSubmission(String questionText, String askerName) {
}
