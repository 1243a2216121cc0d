package bench.freshness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CPU seconds of the mirror process and of the database's backends over one piece of work, and its wall time. */
record Cost(double mirror, double database, Map<String, Double> databaseByClientMap, double wallSeconds) {

    interface Work {
        void run() throws Exception;
    }

    static Cost measure(DatabaseCpu database, int mirrorPid, Work work) throws Exception {
        long mirrorBefore = ProcessCpu.ticks(mirrorPid);
        long started = System.nanoTime();
        database.start();
        work.run();
        Map<String, Double> byClient = database.stop();
        double wall = (System.nanoTime() - started) / 1e9;
        double mirror = (ProcessCpu.ticks(mirrorPid) - mirrorBefore) / (double) ProcessCpu.CLOCK_TICKS;
        return new Cost(mirror, byClient.values().stream().mapToDouble(Double::doubleValue).sum(), byClient, wall);
    }

    String databaseByClient() {
        List<String> parts = new ArrayList<>();
        databaseByClientMap.forEach((client, seconds) -> parts.add(String.format("%s %.2f", client, seconds)));
        return "backends of " + String.join(", ", parts);
    }
}
