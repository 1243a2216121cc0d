package com.summitlakehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.summitlakehouse.delta.Column;
import com.summitlakehouse.delta.ColumnType;
import com.summitlakehouse.delta.TableSchema;
import com.summitlakehouse.delta.catalog.CatalogException;
import com.summitlakehouse.delta.catalog.CatalogTables;
import com.summitlakehouse.delta.catalog.TableRegistration;
import com.summitlakehouse.delta.catalog.UnityCatalog;
import com.summitlakehouse.testing.UnityCatalogServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/catalog/grants.json applied by deploy/catalog/apply-grants.sh to a real Unity Catalog server: the tree and
 * the principals appear, the assistant reads exactly the tables the file grants it and nothing else, a grant added by
 * hand is revoked by the next apply, a grant removed from the file is revoked, wildcards and ALL PRIVILEGES are
 * refused, and a dry run changes nothing.
 */
@org.junit.jupiter.api.condition.EnabledIf(value = "com.summitlakehouse.testing.UnityCatalogServer#available",
        disabledReason = "no Unity Catalog server here: shared/unity-catalog (beside the repository) is absent")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogGrantsTest {

    static final Path GRANTS = Path.of("catalog/grants.json");
    static final String ASSISTANT = "assistant@summit-lakehouse.example";
    static final List<String> GOLD = List.of("social_posts", "qa_published", "journey_schedule");
    static final ObjectMapper JSON = new ObjectMapper();

    static UnityCatalogServer server;
    static UnityCatalog admin;

    @TempDir
    static Path dir;

    record Run(int exit, String out) {
    }

    static Run apply(Path file, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "catalog/apply-grants.sh"));
        command.addAll(List.of(options));
        command.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("UC_URL", server.url());
        builder.environment().put("UC_TOKEN", server.adminToken());
        builder.environment().put("SCHEDULE_INBOX_LOCATION", dir.resolve("raw/schedule").toUri().toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "apply-grants finished");
        return new Run(process.exitValue(), out);
    }

    @BeforeAll
    static void start() {
        server = UnityCatalogServer.start();
        admin = server.admin();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theFileBuildsTheTreeAndThePrincipalsAndGrantsTablesOnceTheyAreRegistered() throws Exception {
        Run first = apply(GRANTS);
        assertEquals(0, first.exit(), first.out());
        assertTrue(first.out().contains("create catalog summit"), first.out());
        assertTrue(first.out().contains("create volume summit.raw.schedule"), first.out());
        assertTrue(first.out().contains("pending: table summit.gold.social_posts is not registered yet"), first.out());
        // Each job registers its own tables on its first run, as its own principal, with only the file's grants.
        register("mirror-service@summit-lakehouse.example", "social_posts", "Posts");
        register("mirror-service@summit-lakehouse.example", "qa_published", "Published questions");
        register("schedule-ingest@summit-lakehouse.example", "journey_schedule", "The schedule");
        Run second = apply(GRANTS);
        assertEquals(0, second.exit(), second.out());
        assertTrue(second.out().contains("grant SELECT on table summit.gold.journey_schedule to " + ASSISTANT),
                second.out());
        assertFalse(second.out().contains("pending"), second.out());
        Run third = apply(GRANTS);
        assertEquals("no changes", third.out().strip(), "applying again is idempotent");
    }

    @Test
    @Order(2)
    void theAssistantReadsTheGrantedTablesAndNothingElse() {
        UnityCatalog assistant = new UnityCatalog(server.url(), server.tokenFor(ASSISTANT));
        for (String table : GOLD) {
            assertTrue(assistant.get("tables", "summit.gold." + table).isPresent(), table);
        }
        assertEquals(GOLD.size(), assistant.list("tables", "summit", "gold").size(), "the listing shows the tables");
        assertRefused(() -> assistant.create("tables", UnityCatalog.json().put("name", "mine")
                .put("catalog_name", "summit").put("schema_name", "gold").put("table_type", "EXTERNAL")
                .put("data_source_format", "DELTA").put("storage_location", dir.resolve("gold/mine").toUri().toString())
                .set("columns", JSON.createArrayNode())), "creating a table");
        assertRefused(() -> assistant.delete("tables", "summit.gold.social_posts"), "deleting a table");
        assertEquals(0, assistant.list("volumes", "summit", "raw").size(), "listings leave out what is not granted");
        assertRefused(() -> assistant.get("volumes", "summit.raw.schedule"), "reading the volume");
    }

    @Test
    @Order(3)
    void aGrantAddedByHandIsRevokedAndADryRunChangesNothing() throws Exception {
        ObjectNode byHand = UnityCatalog.json();
        byHand.putArray("changes").addObject().put("principal", ASSISTANT).putArray("add").add("MODIFY");
        admin.updatePermissions("table", "summit.gold.social_posts", byHand);

        Run dry = apply(GRANTS, "--dry-run");
        assertEquals(0, dry.exit(), dry.out());
        assertTrue(dry.out().contains("would revoke MODIFY on table summit.gold.social_posts from " + ASSISTANT),
                dry.out());
        assertTrue(privileges("summit.gold.social_posts").contains("MODIFY"), "the dry run changed nothing");

        Run applied = apply(GRANTS);
        assertTrue(applied.out().contains("revoke MODIFY on table summit.gold.social_posts from " + ASSISTANT),
                applied.out());
        assertFalse(privileges("summit.gold.social_posts").contains("MODIFY"), "the drift is gone");
    }

    @Test
    @Order(4)
    void aGrantRemovedFromTheFileIsRevokedAndRefusesTheAssistant() throws Exception {
        ObjectNode file = (ObjectNode) JSON.readTree(GRANTS.toFile());
        ArrayNode grants = (ArrayNode) file.get("grants");
        for (int i = grants.size() - 1; i >= 0; i--) {
            if (grants.get(i).path("on").asText().equals("table summit.gold.journey_schedule")
                    && grants.get(i).path("principal").asText().equals(ASSISTANT)) {
                grants.remove(i);
            }
        }
        Path without = dir.resolve("without-schedule.json");
        JSON.writeValue(without.toFile(), file);
        Run applied = apply(without);
        assertTrue(applied.out().contains("revoke SELECT on table summit.gold.journey_schedule from " + ASSISTANT),
                applied.out());
        UnityCatalog assistant = new UnityCatalog(server.url(), server.tokenFor(ASSISTANT));
        assertRefused(() -> assistant.get("tables", "summit.gold.journey_schedule"), "reading an ungranted table");
        assertTrue(assistant.get("tables", "summit.gold.social_posts").isPresent());
        assertEquals(0, apply(GRANTS).exit());
    }

    @Test
    @Order(5)
    void aJobReRegistersItsChangedTableAndTheAssistantKeepsItsGrant() {
        assertEquals(CatalogTables.Outcome.UPDATED,
                register("mirror-service@summit-lakehouse.example", "social_posts", "Posts, now described anew"));
        UnityCatalog assistant = new UnityCatalog(server.url(), server.tokenFor(ASSISTANT));
        assertEquals("Posts, now described anew",
                assistant.get("tables", "summit.gold.social_posts").orElseThrow().path("comment").asText());
        assertRefused(() -> new CatalogTables(new UnityCatalog(server.url(),
                server.tokenFor("schedule-ingest@summit-lakehouse.example"))).register(registration("social_posts",
                "Not yours")), "a job re-registering another job's table");
    }

    @Test
    @Order(6)
    void wildcardsAndAllPrivilegesAreRefusedBeforeAnythingChanges() throws Exception {
        for (String bad : List.of("{\"principal\": \"*\", \"on\": \"catalog summit\", \"privileges\": [\"USE CATALOG\"]}",
                "{\"principal\": \"" + ASSISTANT + "\", \"on\": \"table summit.gold.*\", \"privileges\": [\"SELECT\"]}",
                "{\"principal\": \"" + ASSISTANT + "\", \"on\": \"schema summit.gold\", \"privileges\": [\"ALL PRIVILEGES\"]}")) {
            ObjectNode file = (ObjectNode) JSON.readTree(GRANTS.toFile());
            ((ArrayNode) file.get("grants")).add(JSON.readTree(bad));
            ((ArrayNode) file.get("principals")).add("*");
            Path refused = dir.resolve("refused.json");
            JSON.writeValue(refused.toFile(), file);
            String before = admin.permissions("catalog", "summit").toString();
            Run run = apply(refused);
            assertEquals(2, run.exit(), run.out());
            assertTrue(run.out().contains("wildcards and ALL PRIVILEGES are not allowed"), run.out());
            assertEquals(before, admin.permissions("catalog", "summit").toString(), "nothing changed");
        }
    }

    @Test
    @Order(7)
    void aGrantToAnUndeclaredPrincipalIsRefused() throws Exception {
        ObjectNode file = (ObjectNode) JSON.readTree(GRANTS.toFile());
        ((ArrayNode) file.get("grants")).add(JSON.readTree(
                "{\"principal\": \"stranger@elsewhere.example\", \"on\": \"catalog summit\", \"privileges\": [\"USE CATALOG\"]}"));
        Path undeclared = dir.resolve("undeclared.json");
        JSON.writeValue(undeclared.toFile(), file);
        Run run = apply(undeclared);
        assertEquals(2, run.exit(), run.out());
        assertTrue(run.out().contains("does not declare in principals: stranger@elsewhere.example\n"), run.out());
    }

    @Test
    @Order(8)
    void aJobCannotRegisterIntoASchemaThatDoesNotExist() {
        try {
            new CatalogTables(admin).register(new TableRegistration("summit", "silver", "t", "file:/tmp/t", "T",
                    TableSchema.of(new Column("id", ColumnType.LONG, false, "Key")), Map.of()));
        } catch (CatalogException e) {
            assertTrue(e.getMessage().contains("Schema summit.silver does not exist"), e.getMessage());
            return;
        }
        throw new AssertionError("registered into a missing schema");
    }

    private static CatalogTables.Outcome register(String principal, String table, String comment) {
        return new CatalogTables(new UnityCatalog(server.url(), server.tokenFor(principal)))
                .register(registration(table, comment));
    }

    private static TableRegistration registration(String table, String comment) {
        return new TableRegistration("summit", "gold", table, "file:" + dir.resolve("gold").resolve(table), comment,
                TableSchema.of(new Column("id", ColumnType.LONG, false, "Key of the row")),
                Map.of("summit.lineage.job", "test"));
    }

    private static String privileges(String table) {
        JsonNode assignments = admin.permissions("table", table).path("privilege_assignments");
        StringBuilder all = new StringBuilder();
        assignments.forEach(a -> {
            if (a.path("principal").asText().equals(ASSISTANT)) {
                all.append(a.path("privileges"));
            }
        });
        return all.toString();
    }

    private static void assertRefused(Runnable call, String what) {
        try {
            call.run();
        } catch (CatalogException e) {
            assertEquals(403, e.status(), what + ": " + e.getMessage());
            return;
        }
        throw new AssertionError(what + " was allowed");
    }
}
