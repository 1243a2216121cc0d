package bench.freshness;

import java.nio.file.Path;

/**
 * The load and the measurements of bench/freshness.sh: ingestion through ops-api in the background ({@link Feed}),
 * moderation actions one after another ({@link ModerationActions}), each followed until the newest version of its
 * gold table shows it ({@link GoldFollower}, read with Delta Kernel: {@link GoldTables}), the CPU the mirror process
 * and PostgreSQL's backends spend meanwhile ({@link Cost}), one scheduled sweep's CPU ({@link Sweep}), and what a
 * quiet database sees from both services ({@link QuietSpell}).
 *
 * <p>The generated posts are those bench/freshness.sh seeds: post i is {@code bench-i}, posted {@code i * step}
 * microseconds before {@code t0} (epoch seconds), its other columns the same functions of i as in the script's SQL,
 * so that an upsert here changes only its counters ({@link GeneratedPosts}).
 *
 * <p>Usage (class path: mirror-service/target/quarkus-app/lib/main/*):
 * <pre>
 * java bench.freshness.Freshness feed    &lt;api&gt; &lt;ingest-token&gt; &lt;t0&gt; &lt;step-us&gt;
 * java bench.freshness.Freshness actions &lt;api&gt; &lt;moderator-token&gt; &lt;warehouse&gt; &lt;db&gt;
 *                                        &lt;mirror-pid&gt; &lt;posts&gt; &lt;t0&gt; &lt;step-us&gt; &lt;actions&gt;
 *                                        &lt;feed-baseline-seconds&gt;
 * java bench.freshness.Freshness sweep   &lt;db&gt; &lt;mirror-pid&gt; &lt;mirror-log&gt;
 * java bench.freshness.Freshness quiet   &lt;db&gt; &lt;management-url&gt; &lt;seconds&gt;
 * </pre>
 * feed runs until it is terminated and then prints what it sent.
 */
public final class Freshness {

    private Freshness() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "feed" -> new Feed(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4])).run();
            case "actions" -> new ModerationActions(args[1], args[2], Path.of(args[3]), args[4],
                    Integer.parseInt(args[5]), Long.parseLong(args[6]), Long.parseLong(args[7]),
                    Long.parseLong(args[8]), Integer.parseInt(args[9]), Integer.parseInt(args[10])).run();
            case "sweep" -> new Sweep(args[1], Integer.parseInt(args[2]), Path.of(args[3])).run();
            case "quiet" -> new QuietSpell(args[1], args[2], Integer.parseInt(args[3])).run();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}
