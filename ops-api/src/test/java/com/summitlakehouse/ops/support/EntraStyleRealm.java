package com.summitlakehouse.ops.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keycloak realm that hands out roles the way Microsoft Entra ID hands out app roles: in a top-level {@code roles}
 * claim of the ID token, and nowhere in the access token (Entra's access token for the profile scope is a Graph
 * token that carries none of the app's roles). Otherwise it is the {@code summit} realm: the same users, roles and
 * API clients.
 */
final class EntraStyleRealm {

    /** Every default client scope of a new realm except "roles", which would put realm_access in the access token. */
    private static final List<String> SCOPES_WITHOUT_ROLES = List.of("basic", "profile", "email", "acr", "web-origins");

    private EntraStyleRealm() {
    }

    static Map<String, Object> realm(String name) {
        Map<String, Object> realm = new HashMap<>(Keycloak.realm(name));
        List<Object> clients = new ArrayList<>();
        for (Object client : (List<?>) realm.get("clients")) {
            boolean console = Keycloak.CONSOLE_CLIENT.equals(((Map<?, ?>) client).get("clientId"));
            clients.add(console ? consoleClient() : client);
        }
        realm.put("clients", clients);
        return realm;
    }

    private static Map<String, Object> consoleClient() {
        Map<String, Object> appRoles = Map.of("name", "app roles in the ID token", "protocol", "openid-connect",
                "protocolMapper", "oidc-usermodel-realm-role-mapper", "config", Map.of(
                        "claim.name", "roles", "multivalued", "true", "jsonType.label", "String",
                        "id.token.claim", "true", "access.token.claim", "false", "userinfo.token.claim", "false",
                        "introspection.token.claim", "false"));
        Map<String, Object> client = new HashMap<>();
        client.put("clientId", Keycloak.CONSOLE_CLIENT);
        client.put("publicClient", false);
        client.put("secret", Keycloak.CLIENT_SECRET);
        client.put("standardFlowEnabled", true);
        // Only so that a test can look at the tokens this client gets; the console signs in by the code flow.
        client.put("directAccessGrantsEnabled", true);
        client.put("redirectUris", List.of("*"));
        client.put("attributes", Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "*"));
        client.put("defaultClientScopes", SCOPES_WITHOUT_ROLES);
        client.put("protocolMappers", List.of(appRoles));
        return client;
    }
}
