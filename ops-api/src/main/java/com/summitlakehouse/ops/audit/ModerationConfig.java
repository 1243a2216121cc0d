package com.summitlakehouse.ops.audit;

import com.summitlakehouse.ops.problems.ApiProblem;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * The reasons a moderator picks from for each kind of decision (short lists, so the trail can be counted by reason),
 * and how long a hide or a rejection can be undone by the person who made it.
 */
@ConfigMapping(prefix = "ops.moderation")
public interface ModerationConfig {

    /** Reasons to approve a post (show it on the site). */
    List<String> approveReasons();

    /** Reasons to hide a post. */
    List<String> hideReasons();

    /** Reasons to reject a question. */
    List<String> rejectReasons();

    /** A hide or a rejection can be undone this long after it was made, by its moderator. */
    @WithDefault("5M")
    Duration undoWindow();

    /** The reason as given when it is on {@code reasons}; null when none was given; otherwise refused (400). */
    static String reason(List<String> reasons, String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        for (String reason : reasons) {
            if (reason.strip().equals(given.strip())) {
                return reason.strip();
            }
        }
        throw ApiProblem.invalid("reason", "must be one of: " + String.join("; ", reasons));
    }
}
