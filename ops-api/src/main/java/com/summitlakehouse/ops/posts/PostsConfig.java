package com.summitlakehouse.ops.posts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "ops.posts")
public interface PostsConfig {

    /** Visibility of a newly ingested post whose payload does not say; hidden until a moderator decides. */
    @WithDefault("false")
    boolean visibleByDefault();

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
}
