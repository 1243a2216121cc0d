package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableGroupsTest.group;
import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.testing.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A table that commits for weeks costs the store per commit what it cost in its first hour: thousands of commits
 * through the library, one group rewritten each time as a notified mirror run does, with retention windows far longer
 * than the test so that nothing of the history expires; the requests of a checkpoint cycle late in the run equal
 * those of one early on. Counted, not timed.
 *
 * <p>The module's longest suite, and its tables are its own: it runs beside the others (delta-table's pom turns
 * JUnit's parallel execution on for classes that ask for it), so that the modules waiting for this one start sooner.
 */
@Execution(ExecutionMode.CONCURRENT)
class CommitCostTest {

    static final int GROUPS = 24;
    static final int CYCLE = 10;

    @TempDir
    Path dir;

    static GoldTableOptions longWindows() {
        return GoldTableOptions.defaults().withRetention(Duration.ofHours(2), Duration.ofHours(1))
                .withPurgeWithin(Duration.ZERO);
    }

    /** Ten times the first hundred; bench/endurance.sh takes the same comparison to 60,000 commits. */
    @Test
    void theThousandthCommitCostsWhatTheHundredthDidOnLocalDisk() {
        GoldTable table = new GoldTable(dir.resolve("t").toString(), longWindows());
        assertFlat(table, 1_000);
        Path log = dir.resolve("t/_delta_log");
        assertTrue(new java.util.HashSet<>(versions(log, ".json")).containsAll(versions(log, ".crc")),
                "no checksum without its commit");
    }

    @Test
    void theSixHundredthCommitCostsWhatTheHundredthDidOnS3() {
        S3TestServer s3 = S3TestServer.s3Mock();
        assertFlat(new GoldTable(s3.newLocation("cost"), longWindows(), s3.settings()), 600);
    }

    @Test
    void aRestartReadsOnlyTheCommitsAfterThePurgeWatermark() {
        String location = dir.resolve("t").toString();
        GoldTable table = new GoldTable(location, longWindows());
        start(table);
        commits(table, 1, 60);
        StoreRequests early = restartCost(location);
        commits(table, 60, 300);
        StoreRequests late = restartCost(location);
        assertEquals(early, late, "a cold start at version 300 reads what one at version 60 did");
    }

    @Test
    void theLogStaysAsSmallAsItsRetentionWhateverTheTableAge() throws IOException {
        GoldTable table = new GoldTable(dir.resolve("t").toString(),
                GoldTableOptions.defaults().withRetention(Duration.ZERO, Duration.ZERO).withPurgeWithin(Duration.ZERO));
        start(table);
        commits(table, 1, 300);
        Path log = dir.resolve("t/_delta_log");
        long files;
        try (Stream<Path> all = Files.list(log)) {
            files = all.filter(file -> !file.getFileName().toString().startsWith(".")).count();
        }
        // What a checkpoint cycle leaves: its commits and checksums, the checkpoint before it, _last_checkpoint.
        assertTrue(files <= 2 * 2 * CYCLE + 4, files + " files in the log after 300 commits");
        long oldestCommit = versions(log, ".json").stream().mapToLong(Long::longValue).min().orElseThrow();
        assertTrue(versions(log, ".crc").stream().allMatch(v -> v >= oldestCommit), "no checksum outlives its commit");
    }

    /** The requests of the checkpoint cycle after version 100 against those of the last full cycle. */
    private static void assertFlat(GoldTable table, int commits) {
        start(table);
        commits(table, 1, 100);
        StoreRequests early = commits(table, 100, 100 + CYCLE);
        int lastCycle = commits - commits % CYCLE - CYCLE;
        commits(table, 100 + CYCLE, lastCycle);
        StoreRequests late = commits(table, lastCycle, lastCycle + CYCLE);
        assertEquals(early, late, "a cycle of " + CYCLE + " commits after " + lastCycle + " commits costs what one"
                + " after 100 did");
        assertTrue(early.deletes() >= CYCLE, "each commit purged the file its change replaced: " + early);
    }

    private static void start(GoldTable table) {
        List<RowGroup> groups = new ArrayList<>();
        Map<String, String> fingerprints = new TreeMap<>();
        for (int g = 0; g < GROUPS; g++) {
            groups.add(group(name(g), g * 100, 100));
            fingerprints.put(name(g), "0");
        }
        table.overwrite(SCHEMA, groups, new GroupLayout("sig", fingerprints), lineage("fp-0", GROUPS * 100),
                Optional.empty());
    }

    /** Commits {@code from} (inclusive) to {@code to}, each a run that looks and rewrites one group. */
    static StoreRequests commits(GoldTable table, int from, int to) {
        StoreRequests before = table.storeRequests();
        for (int i = from; i < to; i++) {
            TableVersion current = table.current().orElseThrow();
            Map<String, String> fingerprints = new TreeMap<>(current.groups().orElseThrow().fingerprints());
            String changed = name(i % GROUPS);
            fingerprints.put(changed, Integer.toString(i));
            OverwriteResult result = table.replaceGroups(SCHEMA, List.of(group(changed, (i % GROUPS) * 100, 100)),
                    Set.of(), new GroupLayout("sig", fingerprints), lineage("fp-" + i, GROUPS * 100), current);
            assertEquals(List.of(), result.upkeepFailures());
        }
        return table.storeRequests().minus(before);
    }

    /** What a process that meets the table cold spends on its first look and its first upkeep. */
    private static StoreRequests restartCost(String location) {
        GoldTable cold = new GoldTable(location, longWindows());
        cold.current().orElseThrow();
        cold.upkeepDue();
        return cold.storeRequests();
    }

    private static String name(int group) {
        return String.format("h%02d", group);
    }

    private static List<Long> versions(Path log, String suffix) {
        try (Stream<Path> files = Files.list(log)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("\\d{20}\\" + suffix))
                    .map(name -> Long.parseLong(name.substring(0, 20))).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
