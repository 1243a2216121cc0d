package com.summitlakehouse.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.delta.TableVersion;
import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import com.summitlakehouse.testing.S3TestServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The workbook read from a bucket's raw/ prefix, the table written to its gold/ prefix (S3Mock, started here). */
@QuarkusMainTest
class ScheduleIngestOnS3Test {

    static final S3TestServer S3 = S3TestServer.s3Mock();
    final S3Settings settings = S3.settings();

    /** As a deployment gives them: the store's endpoint, and its keys as secret files. */
    @BeforeEach
    void objectStore() {
        System.setProperty("ingest.object-store.endpoint", S3.endpoint());
        System.setProperty("ingest.object-store.secrets-directory",
                settings.secretsDirectory().orElseThrow().toString());
    }

    @AfterEach
    void noObjectStore() {
        System.clearProperty("ingest.object-store.endpoint");
        System.clearProperty("ingest.object-store.secrets-directory");
    }

    @Test
    void aWorkbookInABucketBecomesATableInTheBucketWithItsObjectInTheLineage(QuarkusMainLauncher launcher)
            throws Exception {
        String root = S3.newLocation("ingest");
        String workbook = root + "/raw/schedule/journey_schedule.xlsx";
        String etag;
        try (S3Client client = S3Clients.create(settings)) {
            etag = client.putObject(r -> r.bucket(S3TestServer.BUCKET)
                    .key(workbook.substring(("s3://" + S3TestServer.BUCKET + "/").length())),
                    RequestBody.fromFile(ScheduleIngestTest.SAMPLE)).eTag().replace("\"", "");
        }
        String table = root + "/gold/journey_schedule";

        LaunchResult result = launcher.launch("--source", workbook, "--table", table);
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("journey_schedule: written"), result.getOutput());

        GoldTable gold = new GoldTable(table, GoldTableOptions.defaults(), settings);
        assertEquals(35, new GoldTableReader(gold).readLatest().stream().map(r -> r.get("stop_date")).distinct()
                .count());
        TableVersion version = gold.current().orElseThrow();
        assertEquals(workbook, version.lineage("source").orElseThrow());
        assertEquals(workbook, version.lineage("source_object").orElseThrow());
        assertEquals("etag " + etag, version.lineage("source_version").orElseThrow());
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(ScheduleIngestTest.SAMPLE)));
        assertEquals("sha256:" + sha256, version.sourceFingerprint().orElseThrow());

        LaunchResult again = launcher.launch("--source", workbook, "--table", table);
        assertEquals(0, again.exitCode(), again.getErrorOutput());
        assertTrue(again.getOutput().contains("journey_schedule: unchanged"), again.getOutput());
    }

    @Test
    void aMissingObjectIsBadInputAndChangesNothing(QuarkusMainLauncher launcher) {
        String root = S3.newLocation("ingest-missing");
        LaunchResult result = launcher.launch("--source", root + "/raw/nothing.xlsx", "--table",
                root + "/gold/journey_schedule");
        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Workbook " + root + "/raw/nothing.xlsx does not exist"),
                result.getErrorOutput());
        assertTrue(new GoldTable(root + "/gold/journey_schedule", GoldTableOptions.defaults(), settings).current()
                .isEmpty());
    }
}
