package com.summitlakehouse.ops.posts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.support.Metrics;
import com.summitlakehouse.ops.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewQueueTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ReviewQueue queue;

    @Inject
    PostModerator posts;

    List<ReviewQueue.Waiting> everyWaiting() {
        return queue.waiting(null, 10_000).await().atMost(WAIT);
    }

    @Test
    void waitingPostsComeOldestFirstAndTellNeverReviewedFromSentBackAndHiddenByAModerator() {
        ReviewQueue.Counts before = queue.counts().await().atMost(WAIT);
        Map<String, Object> first = Posts.post("instagram", 30, null);
        Posts.upsert(first);
        Map<String, Object> second = Posts.post("instagram", 90, null);
        Posts.upsert(second);
        Map<String, Object> visible = Posts.post("instagram", 10, true);
        visible.put("author_handle", "@visitor-" + UUID.randomUUID().toString().substring(0, 6));
        Posts.upsert(visible);
        String visibleId = (String) visible.get("external_id");
        posts.decide(Platform.INSTAGRAM, visibleId, true, null, new Actor("mod-1", "Mod")).await().atMost(WAIT);
        visible.put("caption", "changed after approval");
        Posts.upsert(visible);

        List<String> order = everyWaiting().stream().map(w -> w.post().post().externalId()).toList();
        assertTrue(order.indexOf(first.get("external_id")) < order.indexOf(second.get("external_id")),
                "ingested earlier waits longer, whatever its posted_at: " + order);
        assertTrue(order.indexOf(second.get("external_id")) < order.indexOf(visibleId), "sent back last: " + order);
        ReviewQueue.Waiting sentBack = everyWaiting().stream()
                .filter(w -> w.post().post().externalId().equals(visibleId)).findFirst().orElseThrow();
        assertTrue(sentBack.sentBackAt() != null, "sent back to review");
        assertNull(everyWaiting().stream().filter(w -> w.post().post().externalId().equals(first.get("external_id")))
                .findFirst().orElseThrow().sentBackAt(), "never reviewed");

        ReviewQueue.Counts after = queue.counts().await().atMost(WAIT);
        assertEquals(before.neverReviewed() + 2, after.neverReviewed());
        assertEquals(before.sentBack() + 1, after.sentBack());

        posts.decide(Platform.INSTAGRAM, (String) first.get("external_id"), false, "Off-topic",
                new Actor("mod-1", "Mod"))
                .await().atMost(WAIT);
        ReviewQueue.Counts hidden = queue.counts().await().atMost(WAIT);
        assertEquals(after.neverReviewed() - 1, hidden.neverReviewed(), "a hidden post no longer waits");
        assertEquals(after.hidden() + 1, hidden.hidden());
        assertTrue(everyWaiting().stream().noneMatch(w -> w.post().post().externalId().equals(first.get("external_id"))));
    }

    @Test
    void theGaugesShowTheSizeAndTheAgeOfTheOldestAsLastRead() {
        Posts.upsert(Posts.post("tiktok", 5, null));
        ReviewQueue.Counts counts = queue.counts().await().atMost(WAIT);
        assertEquals(counts.waiting(), Metrics.sum("ops_review_queue_size", "queue=\"posts\""), 0.0);
        assertEquals(counts.pendingQuestions(), Metrics.sum("ops_review_queue_size", "queue=\"questions\""), 0.0);
        double oldest = Metrics.sum("ops_review_queue_oldest_seconds", "queue=\"posts\"");
        assertTrue(oldest >= 0 && oldest < 3600 * 24, "seconds since the oldest waiting post: " + oldest);
    }
}
