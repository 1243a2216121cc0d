package bench.freshness;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingestion in the background: every 10 s one batch of 500: fresh engagement on the 400 newest seeded posts (all
 * visible, in the newest days) and 100 new posts from the journey's allowlisted account (visible at once, posted
 * now). Runs until terminated, then prints what it sent.
 */
final class Feed {
    private final Http http;
    private final String token;
    private final long t0;
    private final long stepMicros;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong millis = new AtomicLong();
    private volatile String lastAnswer = "";

    Feed(String api, String token, long t0, long stepMicros) {
        this.http = new Http(api);
        this.token = token;
        this.t0 = t0;
        this.stepMicros = stepMicros;
    }

    void run() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
                "feed: %d batches of 500 posts, answers %s, mean %.0f ms per batch; the last said %s%n",
                batches.get(), statusText(), batches.get() == 0 ? 0.0 : millis.get() / (double) batches.get(),
                lastAnswer)));
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        AtomicLong tick = new AtomicLong();
        ticks.scheduleAtFixedRate(() -> send(tick.incrementAndGet()), 0, 10, TimeUnit.SECONDS);
        Thread.currentThread().join();
    }

    private void send(long tick) {
        StringBuilder batch = new StringBuilder("[");
        for (long i = 1; i <= 400; i++) {
            batch.append(GeneratedPosts.seededPost(i, t0, stepMicros, (i * 37) % 5000 + tick)).append(',');
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (int k = 0; k < 100; k++) {
            String id = "feed-" + t0 + "-" + tick + "-" + k;
            batch.append(GeneratedPosts.post("instagram", id, GeneratedPosts.JOURNEY_ACCOUNT,
                    "On the road, update " + tick + "." + k, "https://social.example.com/p/" + id,
                    "https://cdn.example.com/m/" + id + ".jpg", "city" + (k % 25), now.minusSeconds(k), k, 0, 0))
                    .append(k < 99 ? "," : "]");
        }
        long started = System.nanoTime();
        Http.Answer answer = http.send("PUT", "/api/v1/admin/posts", token, batch.toString());
        int status = answer.status();
        lastAnswer = answer.body();
        millis.addAndGet((System.nanoTime() - started) / 1_000_000);
        batches.incrementAndGet();
        synchronized (statuses) {
            statuses.merge(status, 1, Integer::sum);
        }
    }

    private String statusText() {
        synchronized (statuses) {
            return statuses.toString().replace("-1=", "io-error=");
        }
    }
}
