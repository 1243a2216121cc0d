package bench.endurance;

import bench.common.SeededPosts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The seeded posts, changed as an administrator's psql session would change them. */
final class PostChanges {
    private final Connection connection;

    PostChanges(Connection connection) {
        this.connection = connection;
    }

    /** Answers when the UPDATE had committed (autocommit: when the statement returned), epoch millis. */
    long visible(long post, boolean visible) throws SQLException {
        update("UPDATE social_posts SET is_visible = ?, moderated_at = now()"
                + " WHERE platform = ? AND external_id = ?", visible, post);
        return System.currentTimeMillis();
    }

    void like(long post) throws SQLException {
        update("UPDATE social_posts SET like_count = like_count + 1 WHERE platform = ? AND external_id = ?",
                null, post);
    }

    void caption(long post, String note) throws SQLException {
        update("UPDATE social_posts SET caption = 'Day ' || (? % 35 + 1) || ' of the journey (' || ? || ')'"
                + " WHERE platform = ? AND external_id = ?", note, post);
    }

    long visibleCount() throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM mirror.social_posts");
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void update(String sql, Object value, long post) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int p = 1;
            if (value instanceof Boolean visible) {
                update.setBoolean(p++, visible);
            } else if (value instanceof String note) {
                update.setLong(p++, post);
                update.setString(p++, note);
            }
            update.setString(p++, SeededPosts.platform(post));
            update.setString(p, SeededPosts.externalId(post));
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("post bench-" + post + " is not there");
            }
        }
    }
}
