package com.summitlakehouse.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.TableVersion;
import com.summitlakehouse.delta.catalog.UnityCatalog;
import com.summitlakehouse.delta.objectstore.ObjectStoreSettings;
import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import com.summitlakehouse.testing.S3TestServer;
import com.summitlakehouse.testing.UnityCatalogServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Against a real Unity Catalog server: the workbook is read through the governed volume summit.raw.schedule, the
 * table is registered with its columns and the volume path as lineage, and a catalog that cannot be reached leaves
 * the data committed and exits 1 with "catalog not updated".
 */
@org.junit.jupiter.api.condition.EnabledIf(value = "com.summitlakehouse.testing.UnityCatalogServer#available",
        disabledReason = "no Unity Catalog server here: shared/unity-catalog (beside the repository) is absent")
class ScheduleCatalogTest {

    static final Path SAMPLE = Path.of("src/test/resources/journey-schedule.xlsx");

    static UnityCatalogServer server;
    static final S3TestServer S3 = S3TestServer.s3Mock();
    static final S3Settings S3_SETTINGS = S3.settings();

    @TempDir
    static Path dir;

    @BeforeAll
    static void catalog() throws Exception {
        server = UnityCatalogServer.start();
        Path inbox = Files.createDirectories(dir.resolve("raw/schedule"));
        Files.copy(SAMPLE, inbox.resolve("journey_schedule.xlsx"));
        UnityCatalog admin = server.admin();
        admin.create("catalogs", UnityCatalog.json().put("name", "summit"));
        admin.create("schemas", UnityCatalog.json().put("name", "gold").put("catalog_name", "summit"));
        admin.create("schemas", UnityCatalog.json().put("name", "raw").put("catalog_name", "summit"));
        admin.create("volumes", UnityCatalog.json().put("name", "schedule").put("catalog_name", "summit")
                .put("schema_name", "raw").put("volume_type", "EXTERNAL")
                .put("storage_location", inbox.toUri().toString()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    Run ingest(String url, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new IngestCommand(config(url), new ScheduleIngest("test"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    IngestConfig config(String url) {
        return new IngestConfig() {
            @Override
            public Optional<String> source() {
                return Optional.empty();
            }

            @Override
            public Optional<String> sheet() {
                return Optional.empty();
            }

            @Override
            public String table() {
                return dir.resolve("gold/journey_schedule").toString();
            }

            @Override
            public boolean force() {
                return false;
            }

            @Override
            public ObjectStoreSettings objectStore() {
                return new ObjectStoreSettings() {
                    @Override
                    public Optional<String> endpoint() {
                        return Optional.of(S3.endpoint());
                    }

                    @Override
                    public Optional<String> region() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<Boolean> pathStyle() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> secretsDirectory() {
                        return S3_SETTINGS.secretsDirectory().map(Path::toString);
                    }
                };
            }

            @Override
            public Catalog catalog() {
                return new Catalog() {
                    @Override
                    public Optional<String> url() {
                        return Optional.of(url);
                    }

                    @Override
                    public Optional<String> token() {
                        return Optional.of(server.adminToken());
                    }

                    @Override
                    public String name() {
                        return "summit";
                    }

                    @Override
                    public String schema() {
                        return "gold";
                    }

                    @Override
                    public String table() {
                        return "journey_schedule";
                    }
                };
            }
        };
    }

    @Test
    void theWorkbookIsReadThroughItsVolumeAndTheTableIsRegistered() {
        Run run = ingest(server.url(), "--source", "/Volumes/summit/raw/schedule/journey_schedule.xlsx");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("journey_schedule: written rows=42"), run.out());
        assertTrue(run.out().contains("catalog=created") || run.out().contains("catalog=unchanged"), run.out());

        GoldTable table = new GoldTable(dir.resolve("gold/journey_schedule").toString(), GoldTableOptions.defaults());
        assertEquals("/Volumes/summit/raw/schedule/journey_schedule.xlsx",
                table.current().orElseThrow().lineage("source").orElseThrow(), "lineage names the volume path");
        JsonNode registered = server.admin().get("tables", "summit.gold.journey_schedule").orElseThrow();
        assertEquals(JourneyScheduleTable.SCHEMA.columns().size(), registered.path("columns").size());
        assertEquals("/Volumes/summit/raw/schedule/journey_schedule.xlsx",
                registered.path("properties").path("summit.lineage.source").asText());

        Run again = ingest(server.url(), "--source", "/Volumes/summit/raw/schedule/journey_schedule.xlsx");
        assertEquals(0, again.exit(), again.err());
        assertFalse((run.out() + run.err() + again.out() + again.err()).contains(server.adminToken()),
                "the catalog token is never printed");
        assertTrue(again.out().contains("unchanged") && again.out().contains("catalog=unchanged"), again.out());
    }

    /** A volume stored in a bucket: the workbook is downloaded; lineage keeps the volume path and names the object. */
    @Test
    void aWorkbookInAVolumeOnObjectStorageIsReadFromTheBucket() {
        String inbox = S3.newLocation("raw") + "/schedule/";
        try (S3Client s3 = S3Clients.create(S3_SETTINGS)) {
            s3.putObject(r -> r.bucket(S3TestServer.BUCKET).key(inbox.substring(("s3://" + S3TestServer.BUCKET + "/")
                    .length()) + "journey_schedule.xlsx"), RequestBody.fromFile(SAMPLE));
        }
        server.admin().create("volumes", UnityCatalog.json().put("name", "schedule_bucket")
                .put("catalog_name", "summit").put("schema_name", "raw").put("volume_type", "EXTERNAL")
                .put("storage_location", inbox));

        Run run = ingest(server.url(), "--source", "/Volumes/summit/raw/schedule_bucket/journey_schedule.xlsx",
                "--force");
        assertEquals(0, run.exit(), run.err());
        TableVersion version = new GoldTable(dir.resolve("gold/journey_schedule").toString(),
                GoldTableOptions.defaults()).current().orElseThrow();
        assertEquals("/Volumes/summit/raw/schedule_bucket/journey_schedule.xlsx", version.lineage("source")
                .orElseThrow());
        assertEquals(inbox + "journey_schedule.xlsx", version.lineage("source_object").orElseThrow());
        assertTrue(version.lineage("source_version").orElseThrow().startsWith("etag "));
    }

    @Test
    void aMissingVolumeIsBadInput() {
        Run run = ingest(server.url(), "--source", "/Volumes/summit/raw/nowhere/journey_schedule.xlsx");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("Volume summit.raw.nowhere does not exist"), run.err());
    }

    @Test
    void aCatalogThatCannotBeReachedLeavesTheDataCommittedAndExitsOne() {
        Run run = ingest("http://127.0.0.1:9", "--source", SAMPLE.toString(), "--force");
        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("journey_schedule: written rows=42"), "the data is committed: " + run.out());
        assertTrue(run.out().contains("catalog not updated: Unity Catalog at http://127.0.0.1:9 cannot be reached"),
                run.out());
    }
}
