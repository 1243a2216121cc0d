package bench.endurance;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

/**
 * On local disk: the files of a commit get the simulated time, as a store would have stamped them that late, so that
 * log cleanup and vacuum judge ages as they would in a week. On S3 (no local table) nothing is stamped.
 */
final class SimulatedFileTimes {
    private final Optional<Path> localTable;
    private final SimulatedClock clock;

    SimulatedFileTimes(Optional<Path> localTable, SimulatedClock clock) {
        this.localTable = localTable;
        this.clock = clock;
    }

    /**
     * The files of {@code version} in the log, {@code _last_checkpoint}, and the new files of the rewritten day (of
     * every day when none is given) get the simulated time (whatever still has a real, earlier time). Not counted as
     * requests, and outside the timed calls.
     */
    void stamp(long version, Optional<String> day) throws IOException {
        if (localTable.isEmpty()) {
            return;
        }
        Path table = localTable.get();
        FileTime now = FileTime.fromMillis(clock.millis());
        String prefix = String.format("%020d.", version);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(table.resolve("_delta_log"),
                f -> f.getFileName().toString().startsWith(prefix)
                        || f.getFileName().toString().equals("_last_checkpoint"))) {
            for (Path file : files) {
                stampIfReal(file, now);
            }
        }
        List<Path> directories = day.isPresent() ? List.of(table.resolve("group-" + day.get()))
                : Files.list(table).filter(p -> p.getFileName().toString().startsWith("group-")).toList();
        for (Path directory : directories) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                for (Path file : files) {
                    stampIfReal(file, now);
                }
            }
        }
    }

    private void stampIfReal(Path file, FileTime now) throws IOException {
        try {
            if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() < clock.start()) {
                Files.setLastModifiedTime(file, now);
            }
        } catch (NoSuchFileException gone) {
            // Purged or cleaned up meanwhile.
        }
    }
}
