package com.summitlakehouse.delta;

import java.util.Objects;

/** One column of a gold table. The description becomes the column comment that analysts and NL-to-SQL read. */
public record Column(String name, ColumnType type, boolean nullable, String description) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("Column " + name + " needs a description");
        }
    }
}
