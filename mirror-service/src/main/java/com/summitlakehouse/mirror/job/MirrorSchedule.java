package com.summitlakehouse.mirror.job;

import com.summitlakehouse.mirror.listen.ChangeListener;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The long-running mode's schedule: every mirror on start, then every {@code mirror.every} (off: never), as the sweep
 * that catches whatever a notification missed; and the purge sweep.
 */
@ApplicationScoped
public class MirrorSchedule {

    private final MirrorJob job;
    private final ChangeListener listener;

    MirrorSchedule(MirrorJob job, ChangeListener listener) {
        this.job = job;
        this.listener = listener;
    }

    @Scheduled(identity = "mirror", every = "${mirror.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = OnceMode.class)
    public void run() {
        // The sweep is what wakes a sleeping listener: it LISTENs again before the snapshot, so nothing is missed.
        listener.listenBeforeRun();
        job.runAll();
    }

    /** Withdrawn content must be gone within mirror.purge.within, even when that is shorter than mirror.every. */
    @Scheduled(identity = "purge", every = "${mirror.purge.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = OnceMode.class)
    void sweep() {
        job.sweepDuePurges();
    }
}
