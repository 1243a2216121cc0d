package com.summitlakehouse.ops.database;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.TestDatabase;
import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Migrations V12's and V13's announcements as any listener sees them (plain JDBC LISTEN): one notification per
 * statement that changed public rows, naming the view, its column, the UTC hours and days touched and whether rows
 * left the view; none for a statement that changed nothing public. Each case uses days of its own.
 */
@QuarkusTest
class PublicChangeNotificationsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    Connection listener;

    @BeforeEach
    void listen() throws Exception {
        listener = TestDatabase.connect();
        try (Statement statement = listener.createStatement()) {
            statement.execute("LISTEN public_changes");
        }
        received(); // whatever other suites' requests left behind
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
    }

    @Test
    void hidingAndShowingAPostAnnounceItsHourOnceEach() throws Exception {
        Map<String, Object> post = postedOn("2025-04-01", true);
        Posts.upsert(post);
        assertEquals(List.of(posts(List.of("2025-04-01T08"), false)), received(), "a visible post ingested");

        moderate(post, false);
        assertEquals(List.of(posts(List.of("2025-04-01T08"), true)), received(), "hidden: withdrawn");
        moderate(post, false);
        assertEquals(List.of(), received(), "hiding a hidden post changes nothing public");
        moderate(post, true);
        assertEquals(List.of(posts(List.of("2025-04-01T08"), false)), received(), "shown again");
    }

    @Test
    void aBatchOf500IsOneNotificationNamingItsHoursAndDays() throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Map<String, Object> post = postedOn("2025-04-1" + (i % 3), true);
            post.put("posted_at", ((String) post.get("posted_at")).replace("T08:", i % 2 == 0 ? "T08:" : "T23:"));
            batch.add(post);
        }
        Posts.upsert(batch);
        List<Map<String, Object>> notifications = received();
        assertEquals(1, notifications.size(), "one statement, one notification: " + notifications);
        assertEquals(posts(List.of("2025-04-10T08", "2025-04-10T23", "2025-04-11T08", "2025-04-11T23",
                "2025-04-12T08", "2025-04-12T23"), false), notifications.get(0));

        Posts.upsert(batch);
        assertEquals(List.of(), received(), "the same batch again writes nothing");
    }

    @Test
    void aHiddenPostIngestedIsNoPublicChange() throws Exception {
        Posts.upsert(postedOn("2025-04-20", false), postedOn("2025-04-20", null));
        assertEquals(List.of(), received());
    }

    @Test
    void aDeletedVisiblePostIsWithdrawnAndADeletedHiddenOneIsNothing() throws Exception {
        Map<String, Object> visible = postedOn("2025-04-21", true);
        Map<String, Object> hidden = postedOn("2025-04-22", false);
        Posts.upsert(visible, hidden);
        received();

        delete(hidden);
        assertEquals(List.of(), received(), "a hidden post was never public");
        delete(visible);
        assertEquals(List.of(posts(List.of("2025-04-21T08"), true)), received());
    }

    @Test
    void publishingAndUnpublishingAQuestionAnnounceTodayOnceEach() throws Exception {
        long id = ((Number) given().header("X-Forwarded-For", "198.51.100.12").contentType(ContentType.JSON)
                .body("{\"question_text\": \"Which pass do you cross on day three?\"}")
                .when().post("/api/v1/questions").then().statusCode(201).extract().path("id")).longValue();
        moderator().contentType(ContentType.JSON).body("{\"answer_text\": \"Tioga.\"}")
                .when().put("/api/v1/admin/questions/" + id + "/answer").then().statusCode(200);
        assertEquals(List.of(), received(), "asked and answered, still not public");

        String thisHour = moderator().when().post("/api/v1/admin/questions/" + id + "/publish")
                .then().statusCode(200).extract().<String>path("published_at").substring(0, 13);
        assertEquals(List.of(questions(thisHour, false)), received(), "published");
        moderator().when().post("/api/v1/admin/questions/" + id + "/unpublish").then().statusCode(200);
        assertEquals(List.of(questions(thisHour, true)), received(), "unpublished: withdrawn");
    }

    @Test
    void aPostMovedToAnotherHourAnnouncesTheHourItLeavesAndTheHourItEnters() throws Exception {
        Map<String, Object> post = postedOn("2025-04-23", true);
        Posts.upsert(post);
        received();

        try (Connection admin = TestDatabase.connect(); PreparedStatement statement = admin.prepareStatement(
                "UPDATE social_posts SET posted_at = posted_at + interval '16 hours' WHERE external_id = ?")) {
            statement.setString(1, (String) post.get("external_id"));
            assertEquals(1, statement.executeUpdate());
        }
        assertEquals(List.of(posts(List.of("2025-04-23T08", "2025-04-24T00"), false)), received());
    }

    @Test
    void aStatementOverManyHoursNamesUpTo240AndStaysUnder8000Bytes() throws Exception {
        // The largest payload there can be: 240 hours over 200 days (one a day, 40 days with a second one).
        insertVisiblePosts("wide", """
                SELECT timestamptz '2024-01-01 00:10:00+00' + make_interval(days => i)
                  FROM generate_series(0, 199) AS i
                UNION ALL
                SELECT timestamptz '2024-01-01 05:10:00+00' + make_interval(days => i)
                  FROM generate_series(0, 39) AS i""");
        List<String> payloads = receivedPayloads();
        assertEquals(1, payloads.size());
        assertTrue(payloads.get(0).length() < 8000, payloads.get(0).length() + " bytes");
        Map<String, Object> widest = JSON.readValue(payloads.get(0), new TypeReference<>() { });
        assertEquals(240, ((List<?>) widest.get("hours")).size());
        assertEquals(200, ((List<?>) widest.get("days")).size());

        // 241 hours: too many to name, the days stand in for them.
        insertVisiblePosts("wider", """
                SELECT timestamptz '2024-09-01 00:10:00+00' + make_interval(hours => i)
                  FROM generate_series(0, 240) AS i""");
        Map<String, Object> wider = received().get(0);
        assertEquals(null, wider.get("hours"));
        assertEquals(List.of("2024-09-01", "2024-09-02", "2024-09-03", "2024-09-04", "2024-09-05", "2024-09-06",
                "2024-09-07", "2024-09-08", "2024-09-09", "2024-09-10", "2024-09-11"), wider.get("days"));

        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("DELETE FROM social_posts WHERE external_id LIKE 'wide%'");
        }
        received();
    }

    /** One INSERT of visible posts, one for each time {@code postedAt} (a query of one column) lists. */
    private static void insertVisiblePosts(String prefix, String postedAt) throws Exception {
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("INSERT INTO social_posts (platform, external_id, author_handle, posted_at, is_visible) "
                    + "SELECT 'x', '" + prefix + "-' || row_number() OVER (), '@wide', t, true FROM (" + postedAt
                    + ") AS times(t)");
        }
    }

    private static Map<String, Object> postedOn(String day, Boolean visible) {
        Map<String, Object> post = Posts.post("youtube", 0, visible);
        post.put("posted_at", day + "T08:30:00Z");
        return post;
    }

    private static void moderate(Map<String, Object> post, boolean visible) {
        moderator().contentType(ContentType.JSON).body("{\"is_visible\": " + visible + "}")
                .when().patch("/api/v1/admin/posts/" + post.get("platform") + "/" + post.get("external_id"))
                .then().statusCode(200);
    }

    private static void delete(Map<String, Object> post) throws Exception {
        try (Connection admin = TestDatabase.connect(); PreparedStatement statement = admin.prepareStatement(
                "DELETE FROM social_posts WHERE platform = ? AND external_id = ?")) {
            statement.setString(1, (String) post.get("platform"));
            statement.setString(2, (String) post.get("external_id"));
            assertEquals(1, statement.executeUpdate());
        }
    }

    private static RequestSpecification moderator() {
        return given().header("Authorization", Tokens.bearer("moderator"));
    }

    private static Map<String, Object> posts(List<String> hours, boolean withdrawn) {
        return payload("mirror.social_posts", "posted_at", hours, withdrawn);
    }

    private static Map<String, Object> questions(String hour, boolean withdrawn) {
        return payload("mirror.qa_published", "published_at", List.of(hour), withdrawn);
    }

    /** A payload naming {@code hours} (sorted) and their days, as V13 sends it. */
    private static Map<String, Object> payload(String view, String column, List<String> hours, boolean withdrawn) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("view", view);
        payload.put("column", column);
        payload.put("days", hours.stream().map(hour -> hour.substring(0, 10)).distinct().toList());
        payload.put("hours", hours);
        payload.put("withdrawn", withdrawn);
        return payload;
    }

    /** The payloads received until none arrives for half a second (notifications come at commit). */
    private List<Map<String, Object>> received() throws Exception {
        List<Map<String, Object>> payloads = new ArrayList<>();
        for (String payload : receivedPayloads()) {
            payloads.add(JSON.readValue(payload, new TypeReference<>() { }));
        }
        return payloads;
    }

    /** As {@link #received()}, as the text that arrived. */
    private List<String> receivedPayloads() throws Exception {
        List<String> payloads = new ArrayList<>();
        PGConnection pg = listener.unwrap(PGConnection.class);
        while (true) {
            PGNotification[] batch = pg.getNotifications(500);
            if (batch == null || batch.length == 0) {
                return payloads;
            }
            for (PGNotification notification : batch) {
                assertEquals("public_changes", notification.getName());
                payloads.add(notification.getParameter());
            }
        }
    }
}
