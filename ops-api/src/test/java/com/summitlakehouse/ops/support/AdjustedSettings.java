package com.summitlakehouse.ops.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * One test application for the suites that each need a setting of their own which no other suite using it notices.
 * Every distinct profile is one more application that Quarkus builds (all of them before the first test) and starts.
 */
public class AdjustedSettings implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                // PublicCacheSettingsTest: a lifetime per kind of answer, and the tag header under another name.
                Map.entry("ops.public-cache.posts-max-age-seconds", "11"),
                Map.entry("ops.public-cache.top-posts-max-age-seconds", "12"),
                Map.entry("ops.public-cache.questions-max-age-seconds", "13"),
                Map.entry("ops.public-cache.surrogate-key-header", "Cache-Tag"),
                Map.entry("ops.public-cache.surrogate-key-separator", "comma"),
                // TopPostsAsOfBudgetTest: one past ranking computed a second.
                Map.entry("ops.posts.top-as-of-queries-per-second", "1"),
                // HousekeepingBesideRequestsTest: refilled allowances may be forgotten every second.
                Map.entry("ops.questions.rate-limit.forget-refilled-every", "1S"));
    }
}
