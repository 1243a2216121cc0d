package bench.freshness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time from /proc: the mirror's, and each PostgreSQL backend's (one process per connection). */
final class ProcessCpu {
    /** The kernel's clock ticks per second, which the script passes on (getconf CLK_TCK). */
    static final long CLOCK_TICKS = Long.parseLong(System.getenv().getOrDefault("CLK_TCK", "100"));

    private ProcessCpu() {
    }

    /** utime + stime of a process, all its threads, in clock ticks; 0 once it is gone. */
    static long ticks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
