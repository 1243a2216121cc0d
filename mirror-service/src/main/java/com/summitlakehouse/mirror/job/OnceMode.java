package com.summitlakehouse.mirror.job;

import io.quarkus.runtime.annotations.CommandLineArguments;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;
import java.util.Arrays;

/**
 * With --once the process runs the mirrors itself and exits; the schedule (whose first run is due at start-up)
 * must not start a second run beside it.
 */
@Singleton
public class OnceMode implements Scheduled.SkipPredicate {

    private final boolean once;
    private final boolean full;

    OnceMode(@CommandLineArguments String[] args) {
        this.once = Arrays.asList(args).contains("--once");
        this.full = Arrays.asList(args).contains("--full");
    }

    public boolean active() {
        return once;
    }

    /** {@code --once --full}: rewrite every table whole (after a bad run, or to compact a grouped table's files). */
    public boolean full() {
        return full;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return once;
    }
}
