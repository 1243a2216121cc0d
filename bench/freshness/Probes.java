package bench.freshness;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Kubernetes' probes of ops-api: readiness and liveness every 5 s on the management port, from the moment they are
 * made; their answers are counted, by probe and status, only while counting is on.
 */
final class Probes {
    private final Http management;
    private final Map<String, Integer> answers = new TreeMap<>();
    private final AtomicBoolean counting = new AtomicBoolean();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();

    Probes(String managementUrl) {
        this.management = new Http(managementUrl);
        prober.scheduleAtFixedRate(this::probe, 0, 5, TimeUnit.SECONDS);
    }

    private void probe() {
        for (String path : List.of("/q/health/ready", "/q/health/live")) {
            int status = management.send("GET", path, null, null).status();
            if (!counting.get()) {
                continue;
            }
            synchronized (answers) {
                answers.merge(path.substring(path.lastIndexOf('/') + 1) + " " + status, 1, Integer::sum);
            }
        }
    }

    void counting(boolean on) {
        counting.set(on);
    }

    void stop() {
        prober.shutdownNow();
    }

    /** Answers by probe and status, e.g. {@code {live 200=12, ready 200=12}}. */
    @Override
    public String toString() {
        synchronized (answers) {
            return answers.toString();
        }
    }
}
