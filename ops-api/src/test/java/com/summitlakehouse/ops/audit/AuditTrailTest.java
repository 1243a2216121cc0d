package com.summitlakehouse.ops.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.TestDatabase;
import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditTrailTest {

    static final String MODERATOR = Tokens.bearerOf("kc-7f3a", "Robin Moderator", "moderator");

    static long ask() {
        return ((Number) given().header("X-Forwarded-For", "198.51.100." + (int) (Math.random() * 250))
                .contentType(ContentType.JSON).body("{\"question_text\": \"Audit " + UUID.randomUUID() + "?\"}")
                .when().post("/api/v1/questions").then().statusCode(201).extract().path("id")).longValue();
    }

    static JsonPath trail(String query) {
        return given().header("Authorization", MODERATOR).when().get("/api/v1/admin/audit" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    static long auditRows(String targetId) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM moderation_audit WHERE target_id = ?")) {
            s.setString(1, targetId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void everyModerationChangeIsRecordedWithWhoWhatAndTheStatesBeforeAndAfter() {
        Map<String, Object> post = Posts.post("instagram", 3, null);
        Posts.upsert(post);
        String target = "instagram/" + post.get("external_id");
        given().header("Authorization", MODERATOR).contentType(ContentType.JSON).body("{\"is_visible\": true}")
                .when().patch("/api/v1/admin/posts/" + target).then().statusCode(200);
        long question = ask();
        given().header("Authorization", MODERATOR).contentType(ContentType.JSON).body("{\"answer_text\": \"Day 8\"}")
                .when().put("/api/v1/admin/questions/" + question + "/answer").then().statusCode(200);
        given().header("Authorization", MODERATOR)
                .when().post("/api/v1/admin/questions/" + question + "/publish").then().statusCode(200);

        JsonPath published = trail("?action=question.publish&limit=1");
        assertEquals(Long.toString(question), published.getString("items[0].target_id"));
        assertEquals("kc-7f3a", published.getString("items[0].actor_subject"));
        assertEquals("Robin Moderator", published.getString("items[0].actor_name"));
        assertEquals(Map.of("status", "answered", "answer_text", "Day 8"), published.getMap("items[0].before"));
        assertEquals(Map.of("status", "published", "answer_text", "Day 8"), published.getMap("items[0].after"));

        JsonPath shown = trail("?action=post.show&limit=1");
        assertEquals(target, shown.getString("items[0].target_id"));
        assertEquals("post", shown.getString("items[0].target_kind"));
        assertEquals(Map.of("is_visible", false, "reviewed", false), shown.getMap("items[0].before"));
        assertEquals(Map.of("is_visible", true, "reviewed", true), shown.getMap("items[0].after"));
    }

    @Test
    void theTrailFiltersByModeratorActionAndDayAndPagesNewestFirst() {
        String sam = "kc-other-" + UUID.randomUUID();
        String other = Tokens.bearerOf(sam, "Sam", "moderator");
        for (int i = 0; i < 3; i++) {
            Map<String, Object> post = Posts.post("x", 3, null);
            Posts.upsert(post);
            given().header("Authorization", other).contentType(ContentType.JSON).body("{\"is_visible\": false}")
                    .when().patch("/api/v1/admin/posts/x/" + post.get("external_id")).then().statusCode(200);
        }
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonPath first = trail("?moderator=" + sam + "&action=post.hide&day=" + today + "&limit=2");
        assertEquals(2, first.getList("items").size());
        JsonPath second = trail("?moderator=" + sam + "&action=post.hide&day=" + today + "&limit=2&before="
                + first.getString("next"));
        assertEquals(1, second.getList("items").size());
        assertEquals(null, second.getString("next"));
        List<String> times = List.of(first.getString("items[0].recorded_at"), first.getString("items[1].recorded_at"),
                second.getString("items[0].recorded_at"));
        assertEquals(times.stream().sorted(java.util.Comparator.reverseOrder()).toList(), times);
        given().header("Authorization", MODERATOR).when().get("/api/v1/admin/audit?moderator=" + sam + "&day=2000-01-01")
                .then().statusCode(200).body("items", hasSize(0));
        given().header("Authorization", MODERATOR).when().get("/api/v1/admin/audit?action=post.delete")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("action"));
        given().header("Authorization", MODERATOR).when().get("/api/v1/admin/audit?day=yesterday")
                .then().statusCode(400).body("errors[0].field", equalTo("day"));
        given().header("Authorization", MODERATOR).when().get("/api/v1/admin/audit?moderator=" + sam)
                .then().statusCode(200).body("items.actor_name", everyItem(equalTo("Sam")));
        // A display name is the person's own to edit: filtering by it would let anyone pass for a colleague.
        given().header("Authorization", MODERATOR).when().get("/api/v1/admin/audit?moderator=Sam")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void onlyModeratorsReadTheTrail() {
        given().header("Authorization", Tokens.bearer("ingest")).when().get("/api/v1/admin/audit")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/admin/audit").then().statusCode(401).contentType("application/problem+json");
    }

    /**
     * A real failure between the change and its audit row: a trigger makes the audit INSERT fail for one target.
     * The change must then be rolled back too.
     */
    @Test
    void aChangeWhoseAuditRowFailsIsNotMadeAtAll() throws Exception {
        Map<String, Object> post = Posts.post("threads", 3, null);
        Posts.upsert(post);
        String target = "threads/" + post.get("external_id");
        long question = ask();
        TestDatabase.execute("""
                CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit store failed'; END $$;
                CREATE TRIGGER fail_audit BEFORE INSERT ON moderation_audit FOR EACH ROW
                    WHEN (NEW.target_id IN ('%s', '%d')) EXECUTE FUNCTION fail_audit();
                """.formatted(target, question));
        try {
            given().header("Authorization", MODERATOR).contentType(ContentType.JSON).body("{\"is_visible\": true}")
                    .when().patch("/api/v1/admin/posts/" + target)
                    .then().statusCode(500).contentType("application/problem+json");
            given().header("Authorization", MODERATOR).contentType(ContentType.JSON).body("{\"answer_text\": \"No\"}")
                    .when().put("/api/v1/admin/questions/" + question + "/answer")
                    .then().statusCode(500).contentType("application/problem+json");
        } finally {
            TestDatabase.execute("DROP TRIGGER fail_audit ON moderation_audit; DROP FUNCTION fail_audit()");
        }
        try (Connection c = TestDatabase.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT (SELECT is_visible FROM social_posts WHERE external_id = '" + post.get("external_id") + "'), "
                        + "(SELECT status || coalesce(answer_text, '') FROM qa_questions WHERE id = " + question + ")")) {
            rs.next();
            assertEquals(false, rs.getBoolean(1), "the post was not shown");
            assertEquals("pending", rs.getString(2), "the question was not answered");
        }
        assertEquals(0, auditRows(target));
        assertEquals(0, auditRows(Long.toString(question)));
    }
}
