package com.summitlakehouse.mirror.job;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The long-running mode: every mirror on start, then every {@code mirror.every} (off: never). */
@ApplicationScoped
public class MirrorSchedule {

    private final MirrorJob job;

    MirrorSchedule(MirrorJob job) {
        this.job = job;
    }

    @Scheduled(identity = "mirror", every = "${mirror.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = OnceMode.class)
    void run() {
        job.runAll();
    }

    /** Withdrawn content must be gone within mirror.purge.within, even when that is shorter than mirror.every. */
    @Scheduled(identity = "purge", every = "${mirror.purge.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = OnceMode.class)
    void sweep() {
        job.sweepDuePurges();
    }
}
