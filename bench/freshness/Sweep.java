package bench.freshness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One scheduled sweep. The mirror was restarted with a short mirror.every and nothing changing: its first run (at
 * start-up) is left out, the second, scheduled one, a fingerprint of every group of every mirror, is measured.
 */
final class Sweep {
    private final String db;
    private final int mirrorPid;
    private final Path log;

    Sweep(String db, int mirrorPid, Path log) {
        this.db = db;
        this.mirrorPid = mirrorPid;
        this.log = log;
    }

    void run() throws Exception {
        awaitRuns(1);
        Cost sweep;
        try (DatabaseCpu database = new DatabaseCpu(db)) {
            sweep = Cost.measure(database, mirrorPid, () -> awaitRuns(2));
        }
        List<String> second = new ArrayList<>();
        for (String mirror : List.of("social_posts", "qa_published")) {
            List<String> runs = summaries(mirror);
            second.add(runs.get(1).replaceAll(".*(mirror " + mirror + ": )", "$1"));
        }
        System.out.printf("one scheduled sweep (every group fingerprinted, nothing changed): CPU seconds mirror %.2f, "
                + "PostgreSQL %.2f (%s)%n", sweep.mirror(), sweep.database(), sweep.databaseByClient());
        second.forEach(line -> System.out.println("  " + line));
    }

    private void awaitRuns(int runs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (summaries("social_posts").size() < runs || summaries("qa_published").size() < runs) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mirror did not finish run " + runs + "; see " + log);
            }
            Thread.sleep(100);
        }
    }

    /** The mirror's summary lines of one mirror's runs, from its log. */
    private List<String> summaries(String mirror) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains("mirror " + mirror + ": ")
                && line.contains(" rows=")).toList();
    }
}
