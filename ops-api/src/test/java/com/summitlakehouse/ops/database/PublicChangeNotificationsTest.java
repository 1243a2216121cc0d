package com.summitlakehouse.ops.database;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Migration V12's announcements as any listener sees them (plain JDBC LISTEN): one notification per statement that
 * changed public rows, naming the view, its column, the UTC days touched and whether rows left the view; none for a
 * statement that changed nothing public. Each case uses days of its own.
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
    void hidingAndShowingAPostAnnounceItsDayOnceEach() throws Exception {
        Map<String, Object> post = postedOn("2025-04-01", true);
        Posts.upsert(post);
        assertEquals(List.of(posts(List.of("2025-04-01"), false)), received(), "a visible post ingested");

        moderate(post, false);
        assertEquals(List.of(posts(List.of("2025-04-01"), true)), received(), "hidden: withdrawn");
        moderate(post, false);
        assertEquals(List.of(), received(), "hiding a hidden post changes nothing public");
        moderate(post, true);
        assertEquals(List.of(posts(List.of("2025-04-01"), false)), received(), "shown again");
    }

    @Test
    void aBatchOf500IsOneNotificationNamingItsDays() throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(postedOn("2025-04-1" + (i % 3), true));
        }
        Posts.upsert(batch);
        List<Map<String, Object>> notifications = received();
        assertEquals(1, notifications.size(), "one statement, one notification: " + notifications);
        assertEquals(posts(List.of("2025-04-10", "2025-04-11", "2025-04-12"), false), sortedDays(notifications.get(0)));

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
        assertEquals(List.of(posts(List.of("2025-04-21"), true)), received());
    }

    @Test
    void publishingAndUnpublishingAQuestionAnnounceTodayOnceEach() throws Exception {
        long id = ((Number) given().header("X-Forwarded-For", "198.51.100.12").contentType(ContentType.JSON)
                .body("{\"question_text\": \"Which pass do you cross on day three?\"}")
                .when().post("/api/v1/questions").then().statusCode(201).extract().path("id")).longValue();
        moderator().contentType(ContentType.JSON).body("{\"answer_text\": \"Tioga.\"}")
                .when().put("/api/v1/admin/questions/" + id + "/answer").then().statusCode(200);
        assertEquals(List.of(), received(), "asked and answered, still not public");

        String today = moderator().when().post("/api/v1/admin/questions/" + id + "/publish")
                .then().statusCode(200).extract().<String>path("published_at").substring(0, 10);
        assertEquals(List.of(questions(today, false)), received(), "published");
        moderator().when().post("/api/v1/admin/questions/" + id + "/unpublish").then().statusCode(200);
        assertEquals(List.of(questions(today, true)), received(), "unpublished: withdrawn");
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

    private static Map<String, Object> posts(List<String> days, boolean withdrawn) {
        return payload("mirror.social_posts", "posted_at", days, withdrawn);
    }

    private static Map<String, Object> questions(String day, boolean withdrawn) {
        return payload("mirror.qa_published", "published_at", List.of(day), withdrawn);
    }

    private static Map<String, Object> payload(String view, String column, List<String> days, boolean withdrawn) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("view", view);
        payload.put("column", column);
        payload.put("days", days);
        payload.put("withdrawn", withdrawn);
        return payload;
    }

    private static Map<String, Object> sortedDays(Map<String, Object> payload) {
        Map<String, Object> sorted = new HashMap<>(payload);
        @SuppressWarnings("unchecked")
        List<String> days = new ArrayList<>((List<String>) payload.get("days"));
        days.sort(null);
        sorted.put("days", days);
        return sorted;
    }

    /** The payloads received until none arrives for half a second (notifications come at commit). */
    private List<Map<String, Object>> received() throws Exception {
        List<Map<String, Object>> payloads = new ArrayList<>();
        PGConnection pg = listener.unwrap(PGConnection.class);
        while (true) {
            PGNotification[] batch = pg.getNotifications(500);
            if (batch == null || batch.length == 0) {
                return payloads;
            }
            for (PGNotification notification : batch) {
                assertEquals("public_changes", notification.getName());
                payloads.add(JSON.readValue(notification.getParameter(), new TypeReference<>() { }));
            }
        }
    }
}
