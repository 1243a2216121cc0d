package com.summitlakehouse.ops.health;

import com.summitlakehouse.ops.database.DatabaseAvailability;
import com.summitlakehouse.ops.database.PublicChangesListener;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Whether this instance can serve, from what it already knows: DOWN, with the reason, while
 * {@link DatabaseAvailability} knows the database to be away (requests found it so, and its probe has not yet seen it
 * back), UP otherwise. It sends no statement of its own: a probe every few seconds would keep a scale-to-zero
 * database awake for ever, and a database that went away unnoticed is found by the next request, which then takes
 * the pod out of rotation until the probe sees the database back.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    private final DatabaseAvailability availability;
    private final PublicChangesListener publicChanges;

    DatabaseReadiness(DatabaseAvailability availability, PublicChangesListener publicChanges) {
        this.availability = availability;
        this.publicChanges = publicChanges;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        // Not listening is no reason to leave rotation (cached rows are then not served); it is said for operators.
        String listening = publicChanges.isListening() ? "listening" : "not listening";
        HealthCheckResponse response = availability.awayBecause()
                .map(reason -> HealthCheckResponse.named("database").down().withData("reason", reason)
                        .withData("public_changes", listening).build())
                .orElseGet(() -> HealthCheckResponse.named("database").up()
                        .withData("public_changes", listening).build());
        return Uni.createFrom().item(response);
    }
}
