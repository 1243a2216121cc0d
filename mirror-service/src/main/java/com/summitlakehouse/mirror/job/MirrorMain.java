package com.summitlakehouse.mirror.job;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code --once}: run every mirror once and exit (0 when each was mirrored or unchanged, 1 when any failed), as a
 * Kubernetes CronJob does. Without it: stay up and mirror on the schedule.
 */
@QuarkusMain
public class MirrorMain implements QuarkusApplication {

    @Inject
    MirrorJob job;

    @Inject
    OnceMode mode;

    public static void main(String... args) {
        Quarkus.run(MirrorMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (!mode.active()) {
            Quarkus.waitForExit();
            return 0;
        }
        List<MirrorResult> results = job.runAll();
        if (results.isEmpty()) {
            System.err.println("mirror-service: no mirror ran (another run holds this process's lock)");
            return 1;
        }
        return results.stream().anyMatch(MirrorResult::failed) ? 1 : 0;
    }
}
