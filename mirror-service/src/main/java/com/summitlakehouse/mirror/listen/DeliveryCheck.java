package com.summitlakehouse.mirror.listen;

import com.summitlakehouse.mirror.database.DatabaseActivity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Whether notifications reach the listening connection at all. A transaction-mode pooler (PgBouncer, Neon's
 * "-pooler" host) accepts LISTEN and forwards nothing, so the listener would look healthy and hear nothing. The
 * check sends a notification to a channel of this listener's own from a second connection: from the same connection
 * it would prove nothing, since behind a pooler the sender's server connection may be the one that LISTENed and the
 * notification goes back to the sender. Changes notified meanwhile are handed on as usual.
 */
final class DeliveryCheck {

    /** Opens a connection as the listener does. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private static final int POLL_MILLIS = 250;

    private final String channel = "mirror_probe_" + UUID.randomUUID().toString().replace("-", "");
    private final NotifiedRuns runs;
    private final DatabaseActivity activity;

    DeliveryCheck(NotifiedRuns runs, DatabaseActivity activity) {
        this.runs = runs;
        this.activity = activity;
    }

    String channel() {
        return channel;
    }

    /** True when a notification sent through {@code opener} arrived on {@code listening} within {@code within}. */
    boolean heard(Connection listening, Opener opener, Duration within, BooleanSupplier stopping) throws SQLException {
        String token = UUID.randomUUID().toString();
        try (Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + channel);
        }
        try (Connection sender = opener.open();
                PreparedStatement notify = sender.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, channel);
            notify.setString(2, token);
            notify.execute();
        }
        PGConnection pg = listening.unwrap(PGConnection.class);
        long deadline = System.nanoTime() + within.toNanos();
        boolean heard = false;
        while (!heard && !stopping.getAsBoolean()) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            PGNotification[] notifications = pg.getNotifications((int) Math.min(left, POLL_MILLIS));
            for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                if (notification.getName().equals(channel)) {
                    heard |= token.equals(notification.getParameter());
                } else {
                    activity.touch();
                    runs.notice(notification.getParameter(), System.nanoTime());
                }
            }
        }
        try (Statement statement = listening.createStatement()) {
            statement.execute("UNLISTEN " + channel);
        }
        return heard;
    }

    /** The one line that says listening is off, why, and what to change. */
    String nothingHeard(String url, Duration within) {
        return "Listening for changes is off: a notification sent to " + channel + " did not arrive within "
                + within.toSeconds() + " s, so " + url.replaceAll("\\?.*", "") + " goes through a "
                + "transaction-mode pooler (PgBouncer, a -pooler host) that accepts LISTEN and forwards nothing; set "
                + "mirror.listen.url (MIRROR_LISTEN_URL) to the database itself. Until then changes reach the lake at "
                + "each sweep (mirror.every)";
    }
}
