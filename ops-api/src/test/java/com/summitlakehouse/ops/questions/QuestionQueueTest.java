package com.summitlakehouse.ops.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.audit.Actor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuestionQueueTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Actor ROBIN = new Actor("kc-robin", "Robin");

    @Inject
    QuestionQueue queue;

    @Inject
    QuestionModeration moderation;

    Map<Long, String> waiting(QuestionStatus status) {
        return queue.waiting(status, null, 10_000).await().atMost(WAIT).stream().collect(Collectors.toMap(
                w -> w.question().id(), QuestionQueue.Waiting::why, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void waitingQuestionsComeOldestFirstAndSayWhyTheyWait() {
        QuestionQueue.Counts before = queue.counts().await().atMost(WAIT);
        long first = QuestionModerationTest.ask();
        long second = QuestionModerationTest.ask();
        long withdrawn = QuestionModerationTest.ask();
        long undone = QuestionModerationTest.ask();
        moderation.answer(withdrawn, "Day 3", ROBIN).await().atMost(WAIT);
        moderation.publish(withdrawn, ROBIN).await().atMost(WAIT);
        moderation.unpublish(withdrawn, ROBIN).await().atMost(WAIT);
        long rejection = moderation.reject(undone, "Spam", ROBIN).await().atMost(WAIT).auditId();
        moderation.undoRejects(List.of(rejection), ROBIN, Duration.ofMinutes(5)).await().atMost(WAIT);

        List<Long> pending = List.copyOf(waiting(QuestionStatus.PENDING).keySet());
        assertTrue(pending.indexOf(first) < pending.indexOf(second) && pending.indexOf(second) < pending.indexOf(undone),
                "oldest first: " + pending);
        assertEquals("Never reviewed", waiting(QuestionStatus.PENDING).get(first));
        assertEquals("Back after a rejection was undone", waiting(QuestionStatus.PENDING).get(undone));
        assertEquals("Withdrawn from the site", waiting(QuestionStatus.ANSWERED).get(withdrawn));

        QuestionQueue.Counts after = queue.counts().await().atMost(WAIT);
        assertEquals(before.pending() + 3, after.pending());
        assertEquals(before.answered() + 1, after.answered());
        assertTrue(!after.oldestWaited().isNegative() && after.oldest() != null);

        moderation.reject(first, "Off-topic", ROBIN).await().atMost(WAIT);
        assertEquals(after.rejected() + 1, queue.counts().await().atMost(WAIT).rejected());
    }
}
