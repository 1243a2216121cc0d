package com.summitlakehouse.delta.catalog;

import com.summitlakehouse.delta.TableSchema;
import java.util.Map;

/**
 * How a gold table appears in the catalog: {@code catalog.schema.name}, an EXTERNAL DELTA table at its storage
 * location, every column with its type and the comment the Delta schema carries, a table comment, and properties
 * (lineage that describes where the data comes from, not figures that change with every version).
 */
public record TableRegistration(String catalog, String schema, String name, String storageLocation, String comment,
        TableSchema columns, Map<String, String> properties) {

    public String fullName() {
        return catalog + "." + schema + "." + name;
    }
}
