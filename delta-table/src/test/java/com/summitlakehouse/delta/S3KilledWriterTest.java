package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import com.summitlakehouse.testing.S3TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/** A writer killed (SIGKILL) half-way through a multipart upload leaves the previous version whole and current. */
class S3KilledWriterTest {

    static final S3TestServer S3 = S3TestServer.s3Mock();

    @Test
    void aWriterKilledMidUploadLeavesThePreviousVersionAndNoPartialCommit() throws Exception {
        S3Settings settings = S3.settings();
        String location = S3.newLocation("killed");
        GoldTable table = new GoldTable(location, GoldTableOptions.defaults(), settings);
        table.overwrite(SCHEMA, rows(0, 10).iterator(), lineage("fp-0", 10));
        String prefix = location.substring(("s3://" + S3TestServer.BUCKET + "/").length()) + "/";
        List<String> before = keys(settings, prefix);

        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), EndlessS3Writer.class.getName(),
                S3.endpoint(), settings.secretsDirectory().orElseThrow().toString(), location)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (S3Client s3 = S3Clients.create(settings)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (uploadsInProgress(s3, prefix) == 0) {
                assertTrue(writer.isAlive(), "the writer runs until it is killed");
                assertTrue(System.nanoTime() < deadline, "the writer starts a multipart upload within 60 s");
                Thread.sleep(100);
            }
            writer.destroyForcibly().waitFor();

            assertEquals(before, keys(settings, prefix), "no new object: no data file, no commit");
            assertTrue(uploadsInProgress(s3, prefix) > 0, "only an incomplete upload, for the lifecycle rule");
        }
        GoldTable reopened = new GoldTable(location, GoldTableOptions.defaults(), settings);
        assertEquals(0, reopened.current().orElseThrow().version());
        assertEquals(10, new GoldTableReader(reopened).readLatest().size());
        assertEquals(1, reopened.overwrite(SCHEMA, rows(0, 5).iterator(), lineage("fp-1", 5)).version());
    }

    @Test
    void aWriterKilledDuringACheckpointOnS3LeavesTheTableReadableAndWritable() throws Exception {
        S3Settings settings = S3.settings();
        String location = S3.newLocation("killed-checkpoint");
        Process crasher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CheckpointCrasher.class.getName(), location,
                S3.endpoint(), settings.secretsDirectory().orElseThrow().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(CheckpointCrasher.HALTED, crasher.waitFor(), "the writer died in its checkpoint");

        String prefix = location.substring(("s3://" + S3TestServer.BUCKET + "/").length()) + "/_delta_log/";
        assertTrue(keys(settings, prefix).stream().noneMatch(key -> key.endsWith(".checkpoint.parquet")),
                "no partial checkpoint where readers look");
        GoldTable table = new GoldTable(location, GoldTableOptions.defaults().withCheckpointInterval(2), settings);
        assertEquals(2, table.current().orElseThrow().version());
        assertEquals(30, new GoldTableReader(table).readLatest().size(), "every row of version 2");
        table.overwrite(SCHEMA, rows(0, 35).iterator(), lineage("v3", 35));
        assertTrue(table.overwrite(SCHEMA, rows(0, 40).iterator(), lineage("v4", 40)).checkpointed(),
                "the next checkpoint is written whole");
        assertEquals(40, new GoldTableReader(new GoldTable(location, GoldTableOptions.defaults(), settings))
                .readLatest().size());
    }

    private static int uploadsInProgress(S3Client s3, String prefix) {
        return s3.listMultipartUploads(r -> r.bucket(S3TestServer.BUCKET).prefix(prefix)).uploads().size();
    }

    private static List<String> keys(S3Settings settings, String prefix) {
        try (S3Client s3 = S3Clients.create(settings)) {
            return s3.listObjectsV2Paginator(r -> r.bucket(S3TestServer.BUCKET).prefix(prefix)).contents().stream()
                    .map(o -> o.key()).sorted().toList();
        }
    }
}
