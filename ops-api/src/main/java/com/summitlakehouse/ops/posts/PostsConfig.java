package com.summitlakehouse.ops.posts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@ConfigMapping(prefix = "ops.posts")
public interface PostsConfig {

    /**
     * The reviewed allowlist: accounts, as {@code platform/handle} (e.g. {@code instagram/@summitjourney}), whose
     * posts are approved automatically. Everyone else's posts wait hidden for a moderator.
     */
    Optional<List<String>> allowlist();

    /** How old a top-posts answer may be; feeds the "top-posts" cache's expire-after-write. */
    @WithDefault("30S")
    Duration topMaxStaleness();

    /**
     * How many top-posts rankings for an explicit {@code as_of} (each minute is its own) one instance computes per
     * second at most; beyond that such requests are answered 429 until the next second. Rankings for "now" are
     * never refused.
     */
    @WithDefault("20")
    int topAsOfQueriesPerSecond();

    /** The allowlist as the upsert compares it: lower case, as handles are case-insensitive on every platform. */
    default String[] allowlistKeys() {
        return allowlist().orElse(List.of()).stream().map(String::strip).filter(entry -> !entry.isEmpty())
                .map(entry -> entry.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }
}
