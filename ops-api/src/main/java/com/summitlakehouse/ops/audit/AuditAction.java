package com.summitlakehouse.ops.audit;

import com.summitlakehouse.ops.problems.ApiProblem;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of moderation change the trail records; the wire names match the table's CHECK constraint. */
public enum AuditAction {
    POST_SHOW("post.show"),
    POST_HIDE("post.hide"),
    POST_AUTO_APPROVE("post.auto_approve"),
    POST_BACK_TO_REVIEW("post.back_to_review"),
    /** A moderator's own hide, reversed within the undo window. */
    POST_UNDO_HIDE("post.undo_hide"),
    QUESTION_ANSWER("question.answer"),
    QUESTION_PUBLISH("question.publish"),
    QUESTION_UNPUBLISH("question.unpublish"),
    QUESTION_REJECT("question.reject"),
    /** A moderator's own rejection, reversed within the undo window. */
    QUESTION_UNDO_REJECT("question.undo_reject");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(AuditAction::wire).collect(Collectors.joining(", "));
    }

    public static AuditAction parse(String field, String value) {
        for (AuditAction action : values()) {
            if (action.wire.equals(value)) {
                return action;
            }
        }
        throw ApiProblem.invalid(field, "must be one of " + wireNames());
    }
}
