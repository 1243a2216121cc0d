package com.summitlakehouse.delta;

import com.summitlakehouse.testing.TempFiles;
import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.ids;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import com.summitlakehouse.testing.S3TestServer;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Gold tables on a real S3-protocol server (S3Mock, started by the suite), committed with conditional PUTs. */
class GoldTableOnS3Test {

    static final S3TestServer S3 = S3TestServer.s3Mock();
    final S3Settings settings = S3.settings();
    final String location = S3.newLocation("gold-table");

    GoldTable table(GoldTableOptions options) {
        return new GoldTable(location, options, settings);
    }

    @Test
    void rowsCommentsLineageAndGroupsRoundTripThroughTheStore() {
        GoldTable table = table(GoldTableOptions.defaults());
        table.overwrite(SCHEMA, rows(0, 100).iterator(), lineage("fp-1", 100));
        GroupLayout layout = new GroupLayout("sig", Map.of("a", "fa", "b", "fb"));
        table.overwrite(SCHEMA, List.of(new RowGroup("a", 10, () -> rows(0, 10).iterator()),
                new RowGroup("b", 5, () -> rows(10, 5).iterator())), layout, lineage("fp-2", 15), table.current());
        table.replaceGroups(SCHEMA, List.of(new RowGroup("b", 3, () -> rows(20, 3).iterator())), Set.of(),
                new GroupLayout("sig", Map.of("a", "fa", "b", "fb2")), lineage("fp-3", 13),
                table.current().orElseThrow());

        GoldTable reopened = table(GoldTableOptions.defaults());
        GoldTableReader reader = new GoldTableReader(reopened);
        List<Map<String, Object>> latest = reader.readLatest();
        assertEquals(13, latest.size());
        List<Map<String, Object>> expected = new ArrayList<>();
        rows(0, 10).forEach(r -> expected.add(Map.of("id", r[0])));
        rows(20, 3).forEach(r -> expected.add(Map.of("id", r[0])));
        assertEquals(ids(expected), ids(latest));
        assertEquals(100, reader.readVersion(0).size(), "time travel reads the first version");
        assertEquals("A moment, UTC", reader.columnComments().get("at"));
        TableVersion current = reopened.current().orElseThrow();
        assertEquals(2, current.version());
        assertEquals("fp-3", current.sourceFingerprint().orElseThrow());
        assertEquals("gold-table-test", current.lineage("job").orElseThrow());
        assertEquals("fb2", current.groups().orElseThrow().fingerprints().get("b"));
    }

    @Test
    void aLocationWithoutATableHasNoVersion() {
        assertTrue(table(GoldTableOptions.defaults()).current().isEmpty());
    }

    /**
     * Both writers read the same version and write their data files at the same time; the second to publish its
     * commit finds the version taken (412) and reports the lost race. The publishes are ordered here because
     * S3Mock checks If-None-Match and stores the object in two steps: two PUTs in the very same instant can both
     * pass (AWS S3, MinIO and R2 make the check atomic).
     */
    @Test
    void twoWritersRacingForOneVersionOnS3NeverBothCommit() throws Exception {
        table(GoldTableOptions.defaults()).overwrite(SCHEMA, rows(0, 10).iterator(), lineage("fp-0", 10));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int round = 1; round <= 3; round++) {
            Optional<TableVersion> seen = table(GoldTableOptions.defaults()).current();
            CompletableFuture<OverwriteResult> first = new CompletableFuture<>();
            int from = 1000 * round;
            String name = "fp-a" + round;
            pool.submit(() -> {
                try {
                    first.complete(table(GoldTableOptions.defaults()).overwrite(SCHEMA, rows(from, 50).iterator(),
                            lineage(name, 50), seen));
                } catch (RuntimeException e) {
                    first.completeExceptionally(e);
                }
            });
            Future<OverwriteResult> second = pool.submit(() -> table(GoldTableOptions.defaults()).overwrite(SCHEMA,
                    publishAfter(first, rows(from + 100, 40).iterator()), lineage("fp-b", 40), seen));

            assertEquals(round, first.get().version());
            java.util.concurrent.ExecutionException lost = assertThrows(java.util.concurrent.ExecutionException.class,
                    second::get);
            assertTrue(lost.getCause() instanceof ConcurrentCommitException, String.valueOf(lost.getCause()));
            GoldTable table = table(GoldTableOptions.defaults());
            assertEquals(round, table.current().orElseThrow().version());
            assertEquals(name, table.current().orElseThrow().sourceFingerprint().orElseThrow());
            assertEquals(50, new GoldTableReader(table).readLatest().size());
        }
        pool.shutdown();
    }

    /** The rows, whose end (and so the commit after them) waits until {@code other} has committed. */
    private static java.util.Iterator<Object[]> publishAfter(CompletableFuture<?> other,
            java.util.Iterator<Object[]> rows) {
        return new java.util.Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!rows.hasNext()) {
                    other.handle((result, failure) -> null).join();
                }
                return rows.hasNext();
            }

            @Override
            public Object[] next() {
                return rows.next();
            }
        };
    }

    /** S3Proxy (file-system back end) takes If-None-Match and overwrites anyway: no table is written there. */
    @Test
    void aStoreThatOverwritesDespiteTheConditionIsRefusedBeforeAnythingIsWritten() {
        S3TestServer careless = S3TestServer.s3Proxy();
        String there = careless.newLocation("no-conditions");
        GoldTable table = new GoldTable(there, GoldTableOptions.defaults(), careless.settings());
        GoldTableException refused = assertThrows(GoldTableException.class,
                () -> table.overwrite(SCHEMA, rows(0, 10).iterator(), lineage("fp", 10)));
        assertTrue(refused.getMessage().startsWith("Refusing to write tables at " + there
                + ": the object store does not honour put-if-absent"), refused.getMessage());
        assertTrue(refused.getMessage().contains("it overwrote an object"), refused.getMessage());
        try (S3Client s3 = S3Clients.create(careless.settings())) {
            assertEquals(0, s3.listObjectsV2(r -> r.bucket(S3TestServer.BUCKET)
                    .prefix(there.substring(("s3://" + S3TestServer.BUCKET + "/").length()))).keyCount(),
                    "no data, no log, no probe left behind");
        }
    }

    @Test
    void upkeepOnS3KeepsEveryFileARetainedVersionNeeds() throws Exception {
        Instant start = Instant.now();
        GoldTableOptions options = GoldTableOptions.defaults().withCheckpointInterval(2)
                .withClock(Clock.fixed(start, ZoneOffset.UTC));
        GoldTable table = table(options);
        for (int v = 0; v < 3; v++) {
            table.overwrite(SCHEMA, rows(10 * v, 10).iterator(), lineage("fp-" + v, 10));
        }
        assertTrue(keysUnder(location).contains(key("_delta_log/00000000000000000002.checkpoint.parquet")));
        assertEquals(3, dataKeys().size(), "inside the retention every version's files stay");
        putObject(location + "/orphan-of-a-crashed-writer.parquet");
        assertEquals(0, table.vacuum(), "a file younger than the retention is never touched");

        GoldTable later = new GoldTable(location, options.withRetention(Duration.ofDays(30), Duration.ofDays(7))
                .withClock(Clock.fixed(start.plus(Duration.ofDays(8)), ZoneOffset.UTC)), settings);
        assertEquals(3, later.vacuum(), "the two replaced files and the orphan go");
        assertEquals(1, dataKeys().size());
        assertEquals(ids(rows(20, 10).stream().map(r -> Map.<String, Object>of("id", r[0])).toList()),
                ids(new GoldTableReader(later).readLatest()));
    }

    @Test
    void listingsPageThroughAndDeletesGoInBatches() throws Exception {
        TableStorage storage = table(GoldTableOptions.defaults()).storage();
        List<String> paths = new ArrayList<>();
        try (S3Client s3 = S3Clients.create(settings)) {
            for (int i = 0; i < 1105; i++) {
                paths.add("s3://" + S3TestServer.BUCKET + "/" + key(String.format("many/f-%05d", i)));
            }
            paths.parallelStream().forEach(path -> s3.putObject(r -> r.bucket(S3TestServer.BUCKET)
                    .key(path.substring(("s3://" + S3TestServer.BUCKET + "/").length())), RequestBody.fromString("x")));
        }
        List<String> listed = new ArrayList<>();
        try (CloseableIterator<FileStatus> files = storage.listRecursively(location + "/many")) {
            files.forEachRemaining(f -> listed.add(f.getPath()));
        }
        assertEquals(paths, listed);
        List<String> from = new ArrayList<>();
        try (CloseableIterator<FileStatus> files = storage.listFrom(location + "/many/f-01100")) {
            files.forEachRemaining(f -> from.add(f.getPath()));
        }
        assertEquals(paths.subList(1100, 1105), from);
        assertEquals(1105, storage.deleteAll(paths));
        assertEquals(List.of(), keysUnder(location + "/many"));
    }

    private String key(String relative) {
        return location.substring(("s3://" + S3TestServer.BUCKET + "/").length()) + "/" + relative;
    }

    private List<String> dataKeys() {
        return keysUnder(location).stream().filter(k -> k.endsWith(".parquet")).filter(k -> !k.contains("_delta_log"))
                .toList();
    }

    private List<String> keysUnder(String prefix) {
        String keyPrefix = prefix.substring(("s3://" + S3TestServer.BUCKET + "/").length()) + "/";
        try (S3Client s3 = S3Clients.create(settings)) {
            return s3.listObjectsV2Paginator(r -> r.bucket(S3TestServer.BUCKET).prefix(keyPrefix)).contents().stream()
                    .map(o -> o.key()).toList();
        }
    }

    private void putObject(String path) {
        try (S3Client s3 = S3Clients.create(settings)) {
            s3.putObject(r -> r.bucket(S3TestServer.BUCKET).key(path.substring(("s3://" + S3TestServer.BUCKET + "/")
                    .length())), RequestBody.fromString("x", StandardCharsets.UTF_8));
        }
    }

    static java.nio.file.Path tempDirectory() {
        try {
            return TempFiles.directory("s3-secrets");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
