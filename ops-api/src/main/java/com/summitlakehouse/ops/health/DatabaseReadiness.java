package com.summitlakehouse.ops.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the database answers quickly; a slow or absent database takes the pod out of rotation. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    @ConfigMapping(prefix = "ops.health")
    public interface Config {
        /** How long the readiness probe waits for the database to answer. */
        @WithDefault("2S")
        Duration databaseTimeout();
    }

    private final Pool pool;
    private final Config config;

    DatabaseReadiness(Pool pool, Config config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .ifNoItem().after(config.databaseTimeout()).fail()
                .map(rows -> HealthCheckResponse.up("database"))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("database").down()
                        .withData("reason", failure.getClass().getSimpleName()).build());
    }
}
