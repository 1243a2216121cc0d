package com.summitlakehouse.ops.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The JDBC datasource exists only for Flyway's migrations at start-up. Once they have run, its connections are
 * closed: kept open, they would count against the database's connection limit for nothing.
 */
@ApplicationScoped
class MigrationConnections {

    private final AgroalDataSource migrations;

    MigrationConnections(AgroalDataSource migrations) {
        this.migrations = migrations;
    }

    void release(@Observes StartupEvent event) {
        migrations.flush(AgroalDataSource.FlushMode.ALL);
    }
}
