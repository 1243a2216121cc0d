package com.summitlakehouse.ops.console;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as the console's pages write them: relative ("12 min ago") with the exact time beside it. The server writes
 * UTC; console.js rewrites both into the moderator's own time zone (the browser's) as the page loads.
 */
@TemplateExtension
public final class ConsoleTimes {

    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private ConsoleTimes() {
    }

    /** "just now", "12 min ago", "3 h 5 min ago", "4 days ago"; "in the future" for a clock ahead of ours. */
    public static String ago(OffsetDateTime time) {
        return ago(time, OffsetDateTime.now());
    }

    static String ago(OffsetDateTime time, OffsetDateTime now) {
        Duration elapsed = Duration.between(time, now);
        if (elapsed.isNegative() && elapsed.abs().toMinutes() >= 1) {
            return "in the future";
        }
        long minutes = Math.max(0, elapsed.toMinutes());
        if (minutes < 1) {
            return "just now";
        }
        if (minutes < 60) {
            return minutes + " min ago";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h " + minutes % 60 + " min ago";
        }
        return minutes / (24 * 60) + " days ago";
    }

    /** The exact time, in UTC, to the second. */
    public static String exact(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).format(EXACT);
    }

    /** The machine-readable form for a time element's datetime attribute. */
    public static String iso(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toString();
    }
}
