package com.summitlakehouse.ops.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points ops-api at the test run's Keycloak (realm {@value Keycloak#REALM}) instead of the static key. Keycloak
 * itself stays up for the rest of the run (one start for every suite that needs it) and stops with the JVM.
 */
public class WithKeycloak implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        if (!Keycloak.available()) {
            throw new IllegalStateException("Keycloak is not available; the suite should have been skipped");
        }
        return Map.of(
                "ops_oidc_server_url", Keycloak.issuer(Keycloak.REALM),
                "ops_oidc_issuer", Keycloak.issuer(Keycloak.REALM),
                // No static key beside the provider.
                "quarkus.oidc.public-key", "",
                // The console signs people in at the same realm.
                "ops_console_enabled", "true",
                "ops_console_client_id", Keycloak.CONSOLE_CLIENT,
                "ops_console_client_secret", Keycloak.CLIENT_SECRET);
    }

    @Override
    public void stop() {
        // Keycloak is shared by the run's suites; it stops with the JVM.
    }
}
