package com.summitlakehouse.ops.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Keycloak;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The Entra-style provider with the console left on Keycloak's way of reading roles (the access token's
 * realm_access/roles): the moderator is not allowed. So it is ops_console_roles_source and _claim that make
 * {@link EntraStyleSignInTest} pass, and a site that forgets them finds out at its first sign-in.
 */
@QuarkusTest
@WithTestResource(EntraStyleRolesMisreadTest.RolesFromTheAccessToken.class)
@EnabledIf(value = "com.summitlakehouse.ops.support.Keycloak#available",
        disabledReason = "needs Keycloak (target/keycloak, unpacked by the build) to start; the reason is printed")
class EntraStyleRolesMisreadTest {

    public static class RolesFromTheAccessToken extends WithEntraStyleProvider {
        @Override
        public Map<String, String> start() {
            Map<String, String> settings = new HashMap<>(super.start());
            settings.put("ops_console_roles_source", "accesstoken");
            settings.put("ops_console_roles_claim", "realm_access/roles");
            return settings;
        }
    }

    @TestHTTPResource("/console/posts")
    URL posts;

    @Test
    void readFromTheAccessTokenTheModeratorHasNoRole() throws Exception {
        HttpResponse<String> page = new ConsoleVisitor().signIn(URI.create(posts.toString()), Keycloak.MODERATOR,
                Keycloak.PASSWORD);
        assertEquals(403, page.statusCode(), page.body());
        assertTrue(page.body().contains("Not allowed"), page.body());
    }
}
