package com.summitlakehouse.delta.catalog;

import java.util.Optional;

/**
 * Where a job registers its tables: Unity Catalog's URL and this job's token (from the secret files uc_url and
 * uc_token), and the catalog and schema of its tables. Each job's configuration maps its own keys onto it.
 */
public interface CatalogSettings {

    /** Absent: no catalog; nothing is registered anywhere. */
    Optional<String> url();

    /** The bearer token of this job's principal. */
    Optional<String> token();

    /** The catalog, for example summit. */
    String name();

    /** The schema of the job's tables, for example gold. */
    String schema();

    /** A client for the catalog, when one is configured. */
    default Optional<UnityCatalog> client() {
        return url().map(url -> new UnityCatalog(url, token().orElse("")));
    }
}
