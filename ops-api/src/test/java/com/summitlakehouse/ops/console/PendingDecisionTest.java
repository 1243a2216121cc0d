package com.summitlakehouse.ops.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingDecisionTest {

    final ConsoleSession session = new ConsoleSession(Optional.of("a key every replica shares"));

    @Test
    void aFormComesBackFromItsCookieAsItWasSent() {
        PendingDecision form = new PendingDecision("/console/questions/7/answer", PendingDecision.parse(
                "answer_text=Yes%2C+on+day+14.%0A%C3%9Cber+%26+%3D+%F0%9F%9A%8C&back=status%3Dpending"));
        PendingDecision back = PendingDecision.open(session, form.seal(session).orElseThrow()).orElseThrow();
        assertEquals(form, back);
        assertEquals("Yes, on day 14.\nÜber & = 🚌", back.value("answer_text"));
        assertEquals("Save an answer to question 7: \u201cYes, on day 14.\nÜber & = 🚌\u201d", back.says());
    }

    @Test
    void aQueueDecisionNamesItsPostsByTheirKeys() {
        PendingDecision bulk = new PendingDecision("/console/posts/decide",
                PendingDecision.parse("post=12&post=13&decision=hide&hide_reason=Off-topic&approve_reason=x"));
        assertEquals(List.of(12L, 13L), bulk.postIds());
        assertEquals("Hide 2 posts: instagram/a?b, #13 (Off-topic)", bulk.says(Map.of(12L, "instagram/a?b")));
        assertEquals("/console/posts/queue", bulk.returnPath());
    }

    @Test
    void aCookieThatWasChangedOrSignedWithAnotherKeyIsNothing() {
        String sealed = new PendingDecision("/console/posts/undo", List.of(new PendingDecision.Field("entries", "5")))
                .seal(session).orElseThrow();
        assertTrue(PendingDecision.open(new ConsoleSession(Optional.of("another key")), sealed).isEmpty());
        assertTrue(PendingDecision.open(session, "x" + sealed).isEmpty());
        assertTrue(PendingDecision.open(session, "garbage").isEmpty());
    }

    @Test
    void onlyTheConsolesOwnActionsAreKept() {
        assertThrows(IllegalArgumentException.class, () -> new PendingDecision("/console/logout", List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PendingDecision("/console/questions/../x", List.of()));
    }

    @Test
    void aFormTooLargeForACookieIsNotKept() {
        StringBuilder text = new StringBuilder();
        java.util.Random random = new java.util.Random(1);
        while (text.length() < 5000) {
            text.append((char) (0x4E00 + random.nextInt(5000)));
        }
        PendingDecision answer = new PendingDecision("/console/questions/7/answer",
                List.of(new PendingDecision.Field("answer_text", text.toString())));
        assertTrue(answer.seal(session).isEmpty());
    }
}
