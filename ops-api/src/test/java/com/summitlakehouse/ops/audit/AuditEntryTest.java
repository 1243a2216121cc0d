package com.summitlakehouse.ops.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryTest {

    static AuditEntry entry(Map<String, Object> before, Map<String, Object> after) {
        return new AuditEntry(1, OffsetDateTime.now(), "kc-1", "Robin", "post.hide", "post", "x/1", null, before,
                after, "Off-topic", null);
    }

    @Test
    void theChangeReadsAsTheFieldsThatChangedInWordsNotAsAMap() {
        List<AuditEntry.FieldChange> changes = entry(Map.of("is_visible", true, "reviewed", false),
                Map.of("is_visible", false, "reviewed", true)).changes();
        assertEquals(List.of(new AuditEntry.FieldChange("on the site", "yes", "no"),
                new AuditEntry.FieldChange("reviewed by a moderator", "no", "yes")),
                changes.stream().sorted(java.util.Comparator.comparing(AuditEntry.FieldChange::field)).toList());
    }

    @Test
    void fieldsThatStayedAreLeftOutAndANewPostStartsFromNothing() {
        Map<String, Object> before = new HashMap<>();
        before.put("status", "answered");
        before.put("answer_text", "Day 8");
        assertEquals(List.of(new AuditEntry.FieldChange("status", "answered", "published")),
                entry(before, Map.of("status", "published", "answer_text", "Day 8")).changes());
        assertEquals(List.of(new AuditEntry.FieldChange("on the site", "none", "yes")),
                entry(null, Map.of("is_visible", true)).changes());
    }
}
