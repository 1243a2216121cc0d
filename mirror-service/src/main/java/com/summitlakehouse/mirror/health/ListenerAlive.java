package com.summitlakehouse.mirror.health;

import com.summitlakehouse.mirror.listen.ChangeListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the listener's thread runs, whatever it is doing: listening, reconnecting, or leaving a sleeping
 * database alone (a sleeping database is no reason to restart). Never asks the database.
 */
@Liveness
@ApplicationScoped
public class ListenerAlive implements HealthCheck {

    private final ChangeListener listener;

    ListenerAlive(ChangeListener listener) {
        this.listener = listener;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("change-listener").status(listener.alive())
                .withData("state", listener.state().name().toLowerCase(java.util.Locale.ROOT)).build();
    }
}
