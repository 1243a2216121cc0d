package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.ids;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of whole overwrites, group replacements, vacuums and time passing, with storage failures
 * injected at random (an unreadable commit while a checkpoint is written, a failed delete, a failed checkpoint
 * publish, a commit whose answer is lost after it landed, a failed data-file write). After every step, every
 * version inside the time-travel window reads back exactly the rows it was committed with, and the latest version is
 * the one the steps say.
 */
class UpkeepPropertyTest {

    private static final Duration FILE_RETENTION = Duration.ofDays(2);
    private static final int GROUPS = 4;

    @TempDir
    Path dir;

    /** A clock the test moves forward; files the table writes are given its time as their modification time. */
    static final class TestClock extends Clock {
        private Instant now = Instant.now();

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void everyRetainedVersionReadsBackExactlyWhateverHappens() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            runSequence(seed, 30);
        }
    }

    private void runSequence(long seed, int steps) throws IOException {
        Random random = new Random(seed);
        TestClock clock = new TestClock();
        Path root = dir.resolve("t" + seed);
        FaultyStorage[] faulty = new FaultyStorage[1];
        GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults().withCheckpointInterval(3)
                .withRetention(Duration.ofDays(3), FILE_RETENTION).withClock(clock),
                UpkeepSafetyTest.NO_S3, storage -> faulty[0] = new FaultyStorage(storage, (operation, path) -> { }));
        Map<Long, List<Long>> versions = new TreeMap<>();
        Map<Long, Instant> supersededAt = new TreeMap<>();
        Map<String, List<Long>> groups = new TreeMap<>();
        Map<String, List<Long>> committedGroups = new TreeMap<>();
        Set<Path> seen = new HashSet<>();
        long nextId = 0;

        for (int step = 0; step < steps; step++) {
            String what = "seed " + seed + " step " + step;
            Fault fault = step == 0 ? Fault.NONE : Fault.values()[random.nextInt(Fault.values().length)];
            if (random.nextInt(3) != 0) {
                fault = Fault.NONE;
            }
            faulty[0].inject(fault.injection(random));
            int action = step == 0 ? 0 : random.nextInt(5);
            Optional<OverwriteResult> committed = Optional.empty();
            try {
                if (action == 0) {
                    groups = new TreeMap<>();
                    for (int g = 0; g < GROUPS; g++) {
                        List<Long> ids = new ArrayList<>();
                        for (int i = random.nextInt(6); i > 0; i--) {
                            ids.add(nextId++);
                        }
                        groups.put("g" + g, ids);
                    }
                    committed = Optional.of(table.overwrite(SCHEMA, rowGroups(groups, groups.keySet()), layout(groups, step),
                            lineage("s" + step, count(groups)), table.current()));
                } else if (action <= 2) {
                    String name = "g" + random.nextInt(GROUPS);
                    Map<String, List<Long>> next = new TreeMap<>(groups);
                    List<Long> ids = new ArrayList<>();
                    for (int i = random.nextInt(6) + 1; i > 0; i--) {
                        ids.add(nextId++);
                    }
                    next.put(name, ids);
                    committed = Optional.of(table.replaceGroups(SCHEMA, rowGroups(next, Set.of(name)), Set.of(),
                            layout(next, step), lineage("s" + step, count(next)), table.current().orElseThrow()));
                    groups = next;
                } else if (action == 3) {
                    clock.advance(Duration.ofHours(random.nextInt(30)));
                } else {
                    try {
                        table.vacuum();
                    } catch (GoldTableException reported) {
                        // an injected failure: reported, nothing deleted that a version needs (checked below)
                    }
                }
            } catch (GoldTableException notCommitted) {
                // Only a failed data-file write may fail a write; the table must be as it was.
                assertEquals(Fault.DATA_WRITE, fault, what + ": " + notCommitted.getMessage());
                groups = new TreeMap<>(committedGroups);
            }
            faulty[0].heal();
            if (committed.isPresent()) {
                long version = committed.get().version();
                if (versions.containsKey(version - 1)) {
                    supersededAt.put(version - 1, clock.instant());
                }
                versions.put(version, sorted(groups));
                committedGroups = new TreeMap<>(groups);
            }
            stampNewFiles(root, seen, clock.instant());
            checkRetainedVersions(table, versions, supersededAt, clock.instant(), what + " (" + fault + ")");
        }
    }

    private void checkRetainedVersions(GoldTable table, Map<Long, List<Long>> versions,
            Map<Long, Instant> supersededAt, Instant now, String what) {
        if (versions.isEmpty()) {
            return;
        }
        long latest = ((TreeMap<Long, List<Long>>) versions).lastKey();
        assertEquals(latest, table.current().orElseThrow().version(), what + ": the latest version");
        GoldTableReader reader = new GoldTableReader(new GoldTable(table.location(), GoldTableOptions.defaults()));
        for (Map.Entry<Long, List<Long>> version : versions.entrySet()) {
            Instant gone = supersededAt.get(version.getKey());
            // A version is inside the window while it was current less than the file retention ago.
            if (gone == null || !gone.plus(FILE_RETENTION).isBefore(now)) {
                List<Long> read;
                try {
                    read = ids(reader.readVersion(version.getKey()));
                } catch (RuntimeException e) {
                    throw new AssertionError(what + ": version " + version.getKey() + " of " + versions.keySet()
                            + " does not open: " + e.getMessage(), e);
                }
                assertEquals(version.getValue(), read, what + ": version " + version.getKey());
            }
        }
    }

    private static void stampNewFiles(Path root, Set<Path> seen, Instant now) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (seen.add(file)) {
                    Files.setLastModifiedTime(file, FileTime.from(now));
                }
            }
        }
    }

    private static List<Long> sorted(Map<String, List<Long>> groups) {
        return groups.values().stream().flatMap(List::stream).sorted().toList();
    }

    private static long count(Map<String, List<Long>> groups) {
        return groups.values().stream().mapToLong(List::size).sum();
    }

    private static List<RowGroup> rowGroups(Map<String, List<Long>> groups, Set<String> names) {
        List<RowGroup> rowGroups = new ArrayList<>();
        for (String name : names) {
            List<Long> ids = groups.get(name);
            rowGroups.add(new RowGroup(name, ids.size(), () -> ids.stream().map(id -> GoldTableTest.rows(id.intValue(), 1)
                    .get(0)).iterator()));
        }
        return rowGroups;
    }

    private static GroupLayout layout(Map<String, List<Long>> groups, int step) {
        Map<String, String> fingerprints = new TreeMap<>();
        groups.forEach((name, ids) -> fingerprints.put(name, name + "@" + step));
        return new GroupLayout("sig", fingerprints);
    }

    /** The storage failures a step may meet. */
    enum Fault {
        NONE, CHECKPOINT_SOURCE_READ, DELETE, CHECKPOINT_PUBLISH, COMMIT_ANSWER_LOST, DATA_WRITE;

        FaultyStorage.Fault injection(Random random) {
            return switch (this) {
                case NONE -> (operation, path) -> { };
                case CHECKPOINT_SOURCE_READ -> (operation, path) -> {
                    if (operation == FaultyStorage.Operation.READ && path.endsWith(".json") && inCheckpoint()) {
                        throw new IOException("injected: " + path + " unreadable");
                    }
                };
                case DELETE -> (operation, path) -> {
                    if (operation == FaultyStorage.Operation.DELETE) {
                        throw new IOException("injected: delete of " + path + " failed");
                    }
                };
                case CHECKPOINT_PUBLISH -> (operation, path) -> {
                    if (operation == FaultyStorage.Operation.MOVE) {
                        throw new IOException("injected: publishing " + path + " failed");
                    }
                };
                case COMMIT_ANSWER_LOST -> (operation, path) -> {
                    if (operation == FaultyStorage.Operation.WRITTEN_ATOMICALLY && path.matches(".*/\\d{20}\\.json")) {
                        throw new IOException("injected: the answer to writing " + path + " was lost");
                    }
                };
                case DATA_WRITE -> (operation, path) -> {
                    if (operation == FaultyStorage.Operation.WRITE_BYTES && !path.contains("_delta_log")) {
                        throw new IOException("injected: writing " + path + " failed");
                    }
                };
            };
        }

        private static boolean inCheckpoint() {
            return Stream.of(Thread.currentThread().getStackTrace())
                    .anyMatch(frame -> frame.getClassName().contains("CreateCheckpointIterator"));
        }
    }
}
