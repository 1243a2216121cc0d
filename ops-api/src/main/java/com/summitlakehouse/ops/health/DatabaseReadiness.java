package com.summitlakehouse.ops.health;

import com.summitlakehouse.ops.database.DatabaseAvailability;
import com.summitlakehouse.ops.database.DatabaseFailure;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers quickly; a slow or absent database takes the pod out of rotation. It asks
 * the database itself, past the fail-fast of {@link DatabaseAvailability}, and tells it what it found.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    @ConfigMapping(prefix = "ops.health")
    public interface Config {
        /** How long the readiness probe waits for the database to answer. */
        @WithDefault("2S")
        Duration databaseTimeout();
    }

    private final Config config;
    private final DatabaseAvailability availability;

    DatabaseReadiness(Config config, DatabaseAvailability availability) {
        this.config = config;
        this.availability = availability;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return availability.ping(config.databaseTimeout())
                .map(answered -> HealthCheckResponse.up("database"))
                .onFailure().recoverWithItem(failure -> {
                    DatabaseFailure unavailable = DatabaseFailure.of(failure);
                    return HealthCheckResponse.named("database").down()
                            .withData("reason", unavailable == null ? failure.getClass().getSimpleName()
                                    : unavailable.reason())
                            .build();
                });
    }
}
