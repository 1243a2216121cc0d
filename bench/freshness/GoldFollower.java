package bench.freshness;

import java.io.IOException;
import java.time.Duration;

/** Follows one change into its gold table: seconds from the API's answer to the commit of the version showing it. */
final class GoldFollower {
    static final Duration ACTION_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("ACTION_TIMEOUT_SECONDS", "120")));

    interface Shows {
        boolean at(long version) throws IOException;
    }

    private final GoldTables gold;

    GoldFollower(GoldTables gold) {
        this.gold = gold;
    }

    /**
     * Every version after {@code before} in order, as soon as it is there, until one shows the change; its commit
     * timestamp (not the moment this poll noticed it) minus the API's answer is the figure.
     */
    Outcome follow(ActionKind kind, String target, String table, long before, long answeredMillis, Shows shows) {
        long deadline = System.nanoTime() + ACTION_TIMEOUT.toNanos();
        long checked = before;
        try {
            while (System.nanoTime() < deadline) {
                long latest = gold.latestVersion(table);
                for (long v = checked + 1; v <= latest; v++) {
                    if (shows.at(v)) {
                        double seconds = (gold.commitTimestamp(table, v) - answeredMillis) / 1000.0;
                        return new Outcome(kind, target, seconds, v, true);
                    }
                    checked = v;
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading " + table + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Outcome(kind, target, ACTION_TIMEOUT.toSeconds(), checked, false);
    }
}
