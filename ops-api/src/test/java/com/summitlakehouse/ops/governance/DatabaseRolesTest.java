package com.summitlakehouse.ops.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connects as login roles of each group the migrations create and proves what each can and cannot do. */
@QuarkusTest
@org.junit.jupiter.api.condition.EnabledIf(value = "com.summitlakehouse.ops.support.TestDatabase#preparedServer",
        disabledReason = "needs login roles the server lets in (deploy/local/postgres.sh)")
class DatabaseRolesTest {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String API = "test_api_" + SUFFIX;
    static final String MIRROR = "test_mirror_" + SUFFIX;
    static final String STRANGER = "test_stranger_" + SUFFIX;

    @BeforeAll
    static void loginRoles() {
        TestDatabase.execute("CREATE ROLE " + API + " LOGIN IN ROLE summit_api");
        TestDatabase.execute("CREATE ROLE " + MIRROR + " LOGIN IN ROLE summit_mirror");
        TestDatabase.execute("CREATE ROLE " + STRANGER + " LOGIN");
        TestDatabase.execute("""
                INSERT INTO social_posts (platform, external_id, author_handle, posted_at, is_visible)
                VALUES ('x', 'roles-visible', '@a', now(), true), ('x', 'roles-hidden', '@a', now(), false);
                INSERT INTO qa_questions (question_text, status, answer_text, published_at)
                VALUES ('roles pending', 'pending', NULL, NULL), ('roles published', 'published', 'yes', now());
                """);
    }

    @AfterAll
    static void dropLoginRoles() {
        TestDatabase.execute("DROP ROLE IF EXISTS " + API + ", " + MIRROR + ", " + STRANGER);
    }

    static Connection as(String role) throws SQLException {
        return DriverManager.getConnection(TestDatabase.jdbcUrl(), role, "");
    }

    static List<String> column(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    static void denied(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }, sql);
        assertTrue(e.getSQLState().equals("42501"), sql + " -> " + e.getSQLState() + " " + e.getMessage());
    }

    @Test
    void theApiRoleReadsAndWritesTheOperationalTablesAndNothingElse() throws SQLException {
        try (Connection c = as(API)) {
            assertEquals(List.of("roles-hidden", "roles-visible"),
                    column(c, "SELECT external_id FROM social_posts WHERE external_id LIKE 'roles-%' ORDER BY 1"));
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO qa_questions (question_text) VALUES ('from the api role')");
                s.execute("UPDATE social_posts SET like_count = like_count + 1 WHERE external_id = 'roles-visible'");
            }
            denied(c, "DELETE FROM social_posts");
            denied(c, "TRUNCATE qa_questions");
            denied(c, "CREATE TABLE api_scratch (id int)");
            denied(c, "DROP TABLE social_posts");
            denied(c, "ALTER TABLE social_posts ADD COLUMN extra text");
            denied(c, "CREATE SCHEMA api_own");
            denied(c, "SELECT * FROM mirror.social_posts");
            denied(c, "SELECT * FROM flyway_schema_history");
        }
    }

    @Test
    void theMirrorRoleSeesOnlyVisiblePostsAndPublishedQuestionsThroughTheViews() throws SQLException {
        try (Connection c = as(MIRROR)) {
            List<String> posts = column(c, "SELECT external_id FROM mirror.social_posts WHERE external_id LIKE 'roles-%'");
            assertEquals(List.of("roles-visible"), posts, "a hidden post never reaches the mirror");
            List<String> questions = column(c, "SELECT question_text FROM mirror.qa_published WHERE question_text LIKE 'roles %'");
            assertEquals(List.of("roles published"), questions, "a pending question never reaches the mirror");
            denied(c, "SELECT * FROM public.social_posts");
            denied(c, "SELECT * FROM public.qa_questions");
            denied(c, "INSERT INTO mirror.social_posts (platform, external_id, author_handle, posted_at) VALUES ('x', 'm', '@m', now())");
            denied(c, "UPDATE mirror.qa_published SET answer_text = 'changed'");
            denied(c, "CREATE TABLE mirror_scratch (id int)");
        }
    }

    @Test
    void theAuditTrailIsAppendOnlyForTheApiAndInvisibleToTheMirror() throws SQLException {
        try (Connection c = as(API)) {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        INSERT INTO moderation_audit (actor_subject, action, target_kind, target_id, after_state)
                        VALUES ('roles-test', 'post.hide', 'post', 'x/roles-hidden', '{"is_visible": false}')""");
            }
            assertEquals(List.of("roles-test"),
                    column(c, "SELECT actor_subject FROM moderation_audit WHERE actor_subject = 'roles-test'"));
            denied(c, "UPDATE moderation_audit SET actor_subject = 'someone else'");
            denied(c, "DELETE FROM moderation_audit");
            denied(c, "TRUNCATE moderation_audit");
        }
        try (Connection c = as(MIRROR)) {
            denied(c, "SELECT * FROM public.moderation_audit");
            assertEquals(List.of(), column(c, """
                    SELECT table_name FROM information_schema.tables
                     WHERE table_schema = 'mirror' AND table_name LIKE '%audit%'"""));
        }
    }

    @Test
    void aRoleOutsideTheGroupsCannotEvenConnect() {
        SQLException e = assertThrows(SQLException.class, () -> as(STRANGER).close());
        assertTrue(e.getMessage().contains("permission denied for database"), e.getMessage());
    }
}
