package com.summitlakehouse.ops.questions;

/** A moderator's answer, as put. */
public record AnswerText(String answerText) {
}
