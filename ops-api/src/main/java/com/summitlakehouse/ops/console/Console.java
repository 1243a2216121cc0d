package com.summitlakehouse.ops.console;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.problems.ApiProblem;
import com.summitlakehouse.ops.problems.FieldError;
import com.summitlakehouse.ops.problems.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.stream.Collectors;

/** What every console page shares: who is signed in, whether they may moderate, and the answer after an action. */
public final class Console {

    public static final String MODERATOR = "moderator";

    private Console() {
    }

    /** The signed-in person as the pages greet them; a page for moderators only refuses everyone else. */
    public static Actor moderator(SecurityIdentity identity) {
        if (!identity.hasRole(MODERATOR)) {
            throw new NotAllowedException(Actor.of(identity));
        }
        return Actor.of(identity);
    }

    public static String displayName(Actor actor) {
        return actor.name() == null ? actor.subject() : actor.name();
    }

    /** A refused change as one sentence for the page, naming the field where there is one. */
    public static String explain(Throwable failure) {
        if (failure instanceof ApiProblem problem) {
            Problem document = problem.toProblem(null);
            if (document.errors() != null && !document.errors().isEmpty()) {
                return document.errors().stream().map(Console::describe).collect(Collectors.joining("; "));
            }
            return document.detail();
        }
        throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    private static String describe(FieldError error) {
        return error.field() + " " + error.message();
    }
}
