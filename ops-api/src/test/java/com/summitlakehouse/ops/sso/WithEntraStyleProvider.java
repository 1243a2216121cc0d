package com.summitlakehouse.ops.sso;

import com.summitlakehouse.ops.support.Keycloak;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * ops-api set up for a provider that gives roles as Entra ID does (the test run's Keycloak, realm
 * {@value Keycloak#ENTRA_STYLE_REALM}): the console reads them from the ID token's {@code roles} claim. It sits
 * behind a TLS-terminating ingress as in production: the X-Forwarded-* headers of 127.0.0.1, and only of it, are
 * believed (the QUARKUS_HTTP_PROXY_* settings of the production overlay).
 */
public class WithEntraStyleProvider implements QuarkusTestResourceLifecycleManager {

    static final String INGRESS = "127.0.0.1";

    @Override
    public Map<String, String> start() {
        if (!Keycloak.available()) {
            throw new IllegalStateException("Keycloak is not available; the suite should have been skipped");
        }
        String issuer = Keycloak.issuer(Keycloak.ENTRA_STYLE_REALM);
        return Map.ofEntries(
                Map.entry("ops_oidc_server_url", issuer),
                Map.entry("ops_oidc_issuer", issuer),
                Map.entry("quarkus.oidc.public-key", ""),
                Map.entry("ops_console_enabled", "true"),
                Map.entry("ops_console_client_id", Keycloak.CONSOLE_CLIENT),
                Map.entry("ops_console_client_secret", Keycloak.CLIENT_SECRET),
                Map.entry("ops_console_roles_source", "idtoken"),
                Map.entry("ops_console_roles_claim", "roles"),
                Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                Map.entry("quarkus.http.proxy.enable-forwarded-host", "true"),
                Map.entry("quarkus.http.proxy.trusted-proxies", INGRESS));
    }

    @Override
    public void stop() {
        // Keycloak is shared by the run's suites; it stops with the JVM.
    }
}
