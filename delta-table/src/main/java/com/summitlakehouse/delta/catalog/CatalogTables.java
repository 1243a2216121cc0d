package com.summitlakehouse.delta.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.summitlakehouse.delta.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Registers gold tables in Unity Catalog after their commits, idempotently: a table that is registered as wanted is
 * left alone; one that differs (a column, a type, a comment, the location, the lineage) is registered again. Unity
 * Catalog's open-source API has no table update, so that is a delete and a create, after which the grants the
 * table had are given back. Nothing else in the catalog is touched.
 */
public final class CatalogTables {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final UnityCatalog catalog;

    public CatalogTables(UnityCatalog catalog) {
        this.catalog = catalog;
    }

    public Outcome register(TableRegistration table) {
        String schema = table.catalog() + "." + table.schema();
        if (catalog.get("schemas", schema).isEmpty()) {
            throw new CatalogException("Schema " + schema + " does not exist in Unity Catalog at " + catalog.url()
                    + "; apply deploy/catalog/grants.json first", 404);
        }
        ObjectNode wanted = definition(table);
        var current = catalog.get("tables", table.fullName());
        if (current.isEmpty()) {
            catalog.create("tables", wanted);
            return Outcome.CREATED;
        }
        if (same(wanted, current.get())) {
            return Outcome.UNCHANGED;
        }
        JsonNode grants = catalog.permissions("table", table.fullName()).path("privilege_assignments");
        catalog.delete("tables", table.fullName());
        catalog.create("tables", wanted);
        giveBack(table.fullName(), grants);
        return Outcome.UPDATED;
    }

    static ObjectNode definition(TableRegistration table) {
        ObjectNode body = UnityCatalog.JSON.createObjectNode()
                .put("name", table.name())
                .put("catalog_name", table.catalog())
                .put("schema_name", table.schema())
                .put("table_type", "EXTERNAL")
                .put("data_source_format", "DELTA")
                .put("storage_location", table.storageLocation())
                .put("comment", table.comment());
        ArrayNode columns = body.putArray("columns");
        List<Column> all = table.columns().columns();
        for (int position = 0; position < all.size(); position++) {
            Column column = all.get(position);
            UnityColumnType type = UnityColumnType.of(column.type());
            ObjectNode json = UnityCatalog.JSON.createObjectNode().put("name", column.name());
            json.set("type", type.sparkType());
            json.put("nullable", column.nullable());
            json.putObject("metadata").put("comment", column.description());
            columns.addObject()
                    .put("name", column.name())
                    .put("type_name", type.name())
                    .put("type_text", type.text())
                    .put("type_json", json.toString())
                    .put("position", position)
                    .put("nullable", column.nullable())
                    .put("comment", column.description());
        }
        ObjectNode properties = body.putObject("properties");
        table.properties().forEach(properties::put);
        return body;
    }

    /** The same registration: location, comment, each column's name, type, nullability and comment, properties. */
    static boolean same(JsonNode wanted, JsonNode current) {
        if (!location(wanted).equals(location(current))
                || !wanted.path("comment").asText().equals(current.path("comment").asText())
                || wanted.path("columns").size() != current.path("columns").size()) {
            return false;
        }
        for (int i = 0; i < wanted.path("columns").size(); i++) {
            JsonNode a = wanted.path("columns").get(i);
            JsonNode b = byPosition(current.path("columns"), a.path("position").asInt());
            if (b == null || !a.path("name").asText().equals(b.path("name").asText())
                    || !a.path("type_text").asText().equalsIgnoreCase(b.path("type_text").asText())
                    || a.path("nullable").asBoolean() != b.path("nullable").asBoolean(true)
                    || !a.path("comment").asText().equals(b.path("comment").asText())) {
                return false;
            }
        }
        for (Map.Entry<String, JsonNode> property : iterable(wanted.path("properties"))) {
            if (!Objects.equals(property.getValue().asText(), current.path("properties").path(property.getKey())
                    .asText(null))) {
                return false;
            }
        }
        return true;
    }

    private void giveBack(String table, JsonNode grants) {
        ObjectNode changes = UnityCatalog.JSON.createObjectNode();
        ArrayNode list = changes.putArray("changes");
        for (JsonNode grant : grants) {
            ObjectNode change = list.addObject().put("principal", grant.path("principal").asText());
            change.set("add", grant.path("privileges"));
            change.putArray("remove");
        }
        if (!list.isEmpty()) {
            catalog.updatePermissions("table", table, changes);
        }
    }

    private static JsonNode byPosition(JsonNode columns, int position) {
        for (JsonNode column : columns) {
            if (column.path("position").asInt(-1) == position) {
                return column;
            }
        }
        return null;
    }

    /** file:/x, file:///x and a trailing slash name the same place. */
    private static String location(JsonNode table) {
        return table.path("storage_location").asText().replaceFirst("^file:///", "file:/").replaceAll("/+$", "");
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        object.fields().forEachRemaining(entries::add);
        return entries;
    }
}
