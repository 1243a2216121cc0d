package com.summitlakehouse.delta.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.summitlakehouse.delta.ColumnType;

/** A gold column type as Unity Catalog describes it: its type name, its SQL text and its Spark JSON type. */
record UnityColumnType(String name, String text, JsonNode sparkType) {

    static UnityColumnType of(ColumnType type) {
        return switch (type) {
            case STRING -> simple("STRING", "string");
            case INTEGER -> new UnityColumnType("INT", "int", TextNode.valueOf("integer"));
            case LONG -> new UnityColumnType("LONG", "bigint", TextNode.valueOf("long"));
            case BOOLEAN -> simple("BOOLEAN", "boolean");
            case DATE -> simple("DATE", "date");
            case TIMESTAMP -> simple("TIMESTAMP", "timestamp");
            case STRING_ARRAY -> new UnityColumnType("ARRAY", "array<string>", UnityCatalog.JSON.createObjectNode()
                    .put("type", "array").put("elementType", "string").put("containsNull", true));
        };
    }

    private static UnityColumnType simple(String name, String text) {
        return new UnityColumnType(name, text, TextNode.valueOf(text));
    }
}
