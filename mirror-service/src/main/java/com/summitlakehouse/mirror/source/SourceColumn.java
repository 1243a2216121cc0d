package com.summitlakehouse.mirror.source;

import com.summitlakehouse.delta.ColumnType;

/** A column of a source view as the catalog describes it: name, gold type, and its comment. */
public record SourceColumn(String name, String postgresType, ColumnType type, String description) {
}
