package com.summitlakehouse.ops.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.problems.ApiProblem;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.TestDatabase;
import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostModeratorTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Actor ROBIN = new Actor("kc-robin", "Robin");
    static final Actor SAM = new Actor("kc-sam", "Sam");

    @Inject
    PostModerator moderator;

    /** The audit rows of one post, oldest first: action, reason, reverses. */
    static List<List<String>> trail(String key) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement("SELECT action,"
                + " coalesce(reason, ''), coalesce(reverses::text, '') FROM moderation_audit WHERE target_id = ?"
                + " ORDER BY id")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return rows;
    }

    /** is_visible and whether a moderator reviewed it. */
    static String state(String externalId) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT is_visible, moderated_at IS NOT NULL FROM social_posts WHERE external_id = ?")) {
            s.setString(1, externalId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return (rs.getBoolean(1) ? "visible" : "hidden") + (rs.getBoolean(2) ? ", reviewed" : ", waiting");
            }
        }
    }

    static long id(String externalId) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT id FROM social_posts WHERE external_id = ?")) {
            s.setString(1, externalId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String waitingPost() {
        Map<String, Object> post = Posts.post("instagram", 20, null);
        Posts.upsert(post);
        return (String) post.get("external_id");
    }

    @Test
    void aDecisionThatChangesNothingIsNotAuditedARepeatNeitherAndAConcurrentDoubleClickOnce() throws Exception {
        String id = waitingPost();
        String key = "instagram/" + id;
        String robin = Tokens.bearerOf("kc-robin", "Robin", "moderator");
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", robin).contentType(ContentType.JSON)
                    .body("{\"is_visible\": true, \"reason\": \"Fits the guidelines\"}")
                    .when().patch("/api/v1/admin/posts/" + key).then().statusCode(200).body("is_visible", equalTo(true));
        }
        assertEquals(List.of(List.of("post.show", "Fits the guidelines", "")), trail(key), "shown once, audited once");

        // Five clicks at the same moment: each locks the post and finds the last one's result.
        String other = waitingPost();
        List<Uni<PostModerator.Decided>> clicks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clicks.add(moderator.decide(Platform.INSTAGRAM, other, false, "Off-topic", ROBIN));
        }
        List<?> results = Uni.join().all(clicks).andFailFast().await().atMost(WAIT);
        assertEquals(5, results.size());
        assertEquals(List.of(List.of("post.hide", "Off-topic", "")), trail("instagram/" + other));
        assertEquals("hidden, reviewed", state(other));
        // Hiding it once more (a retry whose first commit landed finds just this) changes and records nothing.
        assertTrue(!moderator.decide(Platform.INSTAGRAM, other, false, "Spam or advertising", SAM).await()
                .atMost(WAIT).changed());
        assertEquals(1, trail("instagram/" + other).size());
    }

    @Test
    void aReasonOffTheConfiguredListIsRefusedAndChangesNothing() throws Exception {
        String id = waitingPost();
        given().header("Authorization", Tokens.bearerOf("kc-robin", "Robin", "moderator"))
                .contentType(ContentType.JSON).body("{\"is_visible\": false, \"reason\": \"I just don't like it\"}")
                .when().patch("/api/v1/admin/posts/instagram/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        assertEquals("hidden, waiting", state(id));
        assertEquals(List.of(), trail("instagram/" + id));
    }

    @Test
    void aSelectionIsDecidedInOneGoEachPostAuditedOnItsOwnAndThoseAlreadySoSkipped() throws Exception {
        String a = waitingPost();
        String b = waitingPost();
        String c = waitingPost();
        moderator.decide(Platform.INSTAGRAM, c, false, "Off-topic", SAM).await().atMost(WAIT);
        List<PostModerator.Decided> decided = moderator.decide(List.of(id(a), id(b), id(c), 987_654_321L), false,
                "Spam or advertising", ROBIN).await().atMost(WAIT);
        assertEquals(3, decided.size(), "the id of no post is skipped");
        assertEquals(2, decided.stream().filter(PostModerator.Decided::changed).count());
        for (String id : List.of(a, b)) {
            assertEquals(List.of(List.of("post.hide", "Spam or advertising", "")), trail("instagram/" + id));
            assertEquals("hidden, reviewed", state(id));
        }
        assertEquals(List.of(List.of("post.hide", "Off-topic", "")), trail("instagram/" + c), "Sam's hide stands alone");
    }

    @Test
    void aHideIsUndoneOnceByItsModeratorWithinTheWindowAndTheUndoIsAudited() throws Exception {
        String queued = waitingPost();
        Map<String, Object> journey = Posts.post("instagram", 5, true);
        Posts.upsert(journey);
        String visible = (String) journey.get("external_id");
        List<PostModerator.Decided> hides = moderator.decide(List.of(id(queued), id(visible)), false, "Off-topic",
                ROBIN).await().atMost(WAIT);
        List<Long> entries = hides.stream().map(PostModerator.Decided::auditId).toList();

        ApiProblem notHis = assertThrows(ApiProblem.class, () -> moderator.undoHides(entries, SAM, Duration.ofMinutes(5))
                .await().atMost(WAIT));
        assertTrue(notHis.getMessage().contains("Only the moderator who hid"), notHis.getMessage());
        ApiProblem late = assertThrows(ApiProblem.class, () -> moderator.undoHides(entries, ROBIN, Duration.ZERO)
                .await().atMost(WAIT));
        assertTrue(late.getMessage().contains("can no longer be undone"), late.getMessage());

        moderator.undoHides(entries, ROBIN, Duration.ofMinutes(5)).await().atMost(WAIT);
        assertEquals("hidden, waiting", state(queued), "back in the review queue, as it was before the hide");
        assertEquals("visible, waiting", state(visible), "on the site again");
        assertEquals(List.of("post.undo_hide", "", Long.toString(entries.get(0))), trail("instagram/" + queued).get(1));

        ApiProblem twice = assertThrows(ApiProblem.class, () -> moderator.undoHides(entries, ROBIN,
                Duration.ofMinutes(5)).await().atMost(WAIT));
        assertTrue(twice.getMessage().contains("already undone"), twice.getMessage());
        assertEquals(2, trail("instagram/" + queued).size());

        // A hide followed by another decision on its post is not undone behind that decision's back.
        String later = waitingPost();
        long hide = moderator.decide(Platform.INSTAGRAM, later, false, "Off-topic", ROBIN).await().atMost(WAIT)
                .auditId();
        moderator.decide(Platform.INSTAGRAM, later, true, null, SAM).await().atMost(WAIT);
        ApiProblem changed = assertThrows(ApiProblem.class, () -> moderator.undoHides(List.of(hide), ROBIN,
                Duration.ofMinutes(5)).await().atMost(WAIT));
        assertTrue(changed.getMessage().contains("changed after the hide"), changed.getMessage());
    }
}
