package bench.endurance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The clock of a simulated week: it moves only when told (one step per commit). It starts 30 days ahead of the
 * machine's clock, so that a file the store stamped in real time is told apart from one already given simulated
 * time (see {@link SimulatedFileTimes}).
 */
final class SimulatedClock extends Clock {
    private final long start = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    private volatile long now = start;

    void advance(Duration step) {
        now += step.toMillis();
    }

    long start() {
        return start;
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
