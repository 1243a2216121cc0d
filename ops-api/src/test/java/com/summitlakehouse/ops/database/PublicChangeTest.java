package com.summitlakehouse.ops.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Anyone who may connect may NOTIFY on public_changes: what does not read as V12's payload forgets everything. */
class PublicChangeTest {

    @Test
    void aPayloadOfV12NamesItsViewAndWhetherRowsWereWithdrawn() {
        PublicChange hidden = PublicChange.of(
                "{\"view\": \"mirror.social_posts\", \"column\": \"posted_at\", \"days\": [\"2026-11-30\"], "
                        + "\"withdrawn\": true}");
        assertEquals(new PublicChange(PublicChange.POSTS, true), hidden);
        assertTrue(hidden.mayHaveWithdrawnFrom(PublicChange.POSTS));
        assertFalse(hidden.mayHaveWithdrawnFrom(PublicChange.QUESTIONS));

        PublicChange added = PublicChange.of(
                "{\"view\": \"mirror.social_posts\", \"column\": \"posted_at\", \"days\": null, \"withdrawn\": false}");
        assertFalse(added.mayHaveWithdrawnFrom(PublicChange.POSTS), "nothing left the view");
    }

    @Test
    void anythingElseIsTakenAsAnythingWithdrawnFromAnyView() {
        for (String payload : new String[] {"", "not json", "[1, 2]", "42", "{}", "{\"view\": \"mirror.social_posts\"}",
                "{\"view\": 7, \"withdrawn\": true}", "{\"view\": \"mirror.social_posts\", \"withdrawn\": \"no\"}"}) {
            PublicChange change = PublicChange.of(payload);
            assertEquals(PublicChange.anything(), change, payload);
            assertTrue(change.mayHaveWithdrawnFrom(PublicChange.POSTS), payload);
            assertTrue(change.mayHaveWithdrawnFrom(PublicChange.QUESTIONS), payload);
        }
    }
}
