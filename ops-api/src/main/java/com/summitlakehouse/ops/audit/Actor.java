package com.summitlakehouse.ops.audit;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who made a moderation change: the token's subject, and the name it shows people where the token carries one. */
public record Actor(String subject, String name) {

    public static Actor of(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return new Actor(token.getSubject(), displayName(token));
        }
        return new Actor(identity.getPrincipal().getName(), null);
    }

    private static String displayName(JsonWebToken token) {
        for (String claim : new String[] {"name", "preferred_username", "azp"}) {
            Object value = token.getClaim(claim);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return null;
    }
}
