package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.delta.catalog.CatalogTables;
import com.summitlakehouse.delta.catalog.UnityCatalog;
import com.summitlakehouse.mirror.support.SourceDatabase;
import com.summitlakehouse.testing.UnityCatalogServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real Unity Catalog server: each run registers the gold tables (columns, types, comments, location,
 * lineage), an unchanged run changes nothing in the catalog, and a catalog that cannot be reached leaves the data
 * committed, fails the run with "catalog not updated", and the next run registers.
 */
@QuarkusTest
@TestProfile(MirrorCatalogTest.WithCatalog.class)
@org.junit.jupiter.api.condition.EnabledIf(value = "com.summitlakehouse.testing.UnityCatalogServer#available",
        disabledReason = "no Unity Catalog server here: shared/unity-catalog (beside the repository) is absent")
class MirrorCatalogTest {

    static UnityCatalogServer server;

    public static class Catalog implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            server = UnityCatalogServer.start();
            UnityCatalog admin = server.admin();
            admin.create("catalogs", UnityCatalog.json().put("name", "summit").put("comment", "Summit Lakehouse"));
            admin.create("schemas", UnityCatalog.json().put("name", "gold").put("catalog_name", "summit")
                    .put("comment", "Public, governed analytical tables"));
            return Map.of("mirror.catalog.url", server.url(), "mirror.catalog.token", server.adminToken());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
        }
    }

    public static class WithCatalog implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Catalog.class));
        }
    }

    @Inject
    MirrorJob job;

    @Inject
    MirrorConfig config;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void seed() {
        SourceDatabase.execute("""
                TRUNCATE social_posts, qa_questions, qa_submission_keys;
                INSERT INTO social_posts (platform, external_id, author_handle, caption, hashtags, posted_at, is_visible)
                SELECT 'x', 'c' || i, '@c', 'caption ' || i, ARRAY['trip'], now(), true FROM generate_series(1, 5) i;
                """);
    }

    @Test
    void everyGoldTableIsRegisteredWithItsColumnsCommentsLocationAndLineage() {
        List<MirrorResult> first = job.runAll();
        assertTrue(first.stream().noneMatch(MirrorResult::failed), first.toString());
        assertTrue(first.stream().allMatch(r -> r.summary().contains(" catalog=")), first.toString());

        JsonNode posts = server.admin().get("tables", "summit.gold.social_posts").orElseThrow();
        assertEquals("EXTERNAL", posts.path("table_type").asText());
        assertEquals("DELTA", posts.path("data_source_format").asText());
        assertEquals(new GoldTable(SourceDatabase.warehouse().resolve("gold/social_posts").toString(),
                GoldTableOptions.defaults()).location().replaceFirst("^file:///", "file:/"),
                posts.path("storage_location").asText().replaceFirst("^file:///", "file:/").replaceAll("/$", ""));
        assertTrue(posts.path("comment").asText().startsWith("Social media posts about the journey"),
                posts.path("comment").asText());
        assertEquals("mirror-service", posts.path("properties").path("summit.lineage.job").asText());
        assertTrue(posts.path("properties").path("summit.lineage.source").asText().endsWith("#mirror.social_posts"));
        Map<String, JsonNode> columns = new HashMap<>();
        posts.path("columns").forEach(c -> columns.put(c.path("name").asText(), c));
        assertEquals(config.mirrors().get("social_posts").columns().size(), columns.size());
        Map<String, String> deltaComments = new GoldTableReader(new GoldTable(SourceDatabase.warehouse()
                .resolve("gold/social_posts").toString(), GoldTableOptions.defaults())).columnComments();
        deltaComments.forEach((column, comment) -> assertEquals(comment, columns.get(column).path("comment").asText(),
                "the catalog's comment of " + column + " is the Delta schema's"));
        assertEquals("array<string>", columns.get("hashtags").path("type_text").asText());
        assertEquals("timestamp", columns.get("posted_at").path("type_text").asText());
        columns.values().forEach(c -> assertFalse(c.path("comment").asText().isBlank(), c.toString()));
        assertTrue(server.admin().get("tables", "summit.gold.qa_published").isPresent());

        String id = posts.path("table_id").asText();
        List<MirrorResult> again = job.runAll();
        assertTrue(again.stream().allMatch(r -> r.summary().contains(" catalog=unchanged")), again.toString());
        assertEquals(id, server.admin().get("tables", "summit.gold.social_posts").orElseThrow()
                .path("table_id").asText(), "an unchanged run changes nothing in the catalog");
    }

    @Test
    void aChangedCommentUpdatesTheRegistrationAndKeepsItsGrants() {
        job.runAll();
        UnityCatalog admin = server.admin();
        admin.createUser("analyst@summit.test");
        ObjectNode grant = UnityCatalog.json();
        grant.putArray("changes").addObject().put("principal", "analyst@summit.test")
                .putArray("add").add("SELECT");
        admin.updatePermissions("table", "summit.gold.social_posts", grant);
        SourceDatabase.execute("COMMENT ON COLUMN mirror.social_posts.author_handle IS 'The poster''s handle, as shown'");
        try {
            List<MirrorResult> changed = job.runAll();
            assertTrue(changed.stream().anyMatch(r -> r.summary().contains("mirror social_posts: mirrored")
                    && r.summary().contains(" catalog=updated")), changed.toString());
            JsonNode posts = admin.get("tables", "summit.gold.social_posts").orElseThrow();
            posts.path("columns").forEach(c -> {
                if (c.path("name").asText().equals("author_handle")) {
                    assertEquals("The poster's handle, as shown", c.path("comment").asText());
                }
            });
            assertTrue(admin.permissions("table", "summit.gold.social_posts").toString()
                    .contains("analyst@summit.test"), "the table's grants survive its registration update");
        } finally {
            SourceDatabase.execute("COMMENT ON COLUMN mirror.social_posts.author_handle IS "
                    + "'Handle of the account that published the post, as shown on the platform'");
        }
    }

    @Test
    void aCatalogThatCannotBeReachedLeavesTheDataAndTheNextRunRegisters() {
        job.runAll();
        server.admin().delete("tables", "summit.gold.social_posts");
        SourceDatabase.execute("UPDATE social_posts SET like_count = like_count + 1 WHERE external_id = 'c1'");
        GoldTable table = new GoldTable(SourceDatabase.warehouse().resolve("gold/social_posts").toString(),
                GoldTableOptions.defaults());
        long before = table.current().orElseThrow().version();

        MirrorResult down = new GoldTableMirror("social_posts", config.mirrors().get("social_posts"), table,
                dataSource, "postgresql://test", "test",
                new CatalogTables(new UnityCatalog("http://127.0.0.1:9", "token")), "summit", "gold").run();
        assertEquals(MirrorResult.Outcome.MIRRORED, down.outcome(), down.summary());
        assertTrue(down.failed(), "the run shows the catalog was not updated");
        assertTrue(down.summary().contains("catalog not updated: Unity Catalog at http://127.0.0.1:9 cannot be "
                + "reached"), down.summary());
        assertEquals(before + 1, table.current().orElseThrow().version(), "the Delta commit stands");
        assertFalse(down.summary().contains(server.adminToken()), "the catalog token is never printed");

        List<MirrorResult> next = job.runAll();
        assertTrue(next.stream().noneMatch(MirrorResult::failed), next.toString());
        assertTrue(next.get(0).summary().contains("unchanged") || next.get(1).summary().contains("unchanged"));
        assertTrue(server.admin().get("tables", "summit.gold.social_posts").isPresent(),
                "the next run registers it, though the data is unchanged");
    }
}
