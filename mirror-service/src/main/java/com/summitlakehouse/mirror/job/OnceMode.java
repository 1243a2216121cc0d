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

    OnceMode(@CommandLineArguments String[] args) {
        this.once = Arrays.asList(args).contains("--once");
    }

    public boolean active() {
        return once;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return once;
    }
}
