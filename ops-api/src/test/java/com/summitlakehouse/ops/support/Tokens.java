package com.summitlakehouse.ops.support;

import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Set;

/** Signs admin tokens the way the identity provider does, with the suite's key. */
public final class Tokens {

    public static final String ISSUER = "https://auth.summit-lakehouse.example";

    private Tokens() {
    }

    public static String bearer(String... roles) {
        return "Bearer " + Jwt.issuer(ISSUER).audience("ops-api").subject("tester").groups(Set.of(roles))
                .expiresIn(300).sign(TestDatabase.signingKey());
    }

    /** A token of a named person, as the audit trail records them. */
    public static String bearerOf(String subject, String name, String... roles) {
        return "Bearer " + Jwt.issuer(ISSUER).audience("ops-api").subject(subject).claim("name", name)
                .groups(Set.of(roles)).expiresIn(300).sign(TestDatabase.signingKey());
    }

    public static String expired(String role) {
        return "Bearer " + Jwt.issuer(ISSUER).audience("ops-api").subject("tester").groups(Set.of(role))
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800))
                .sign(TestDatabase.signingKey());
    }

    /** Issued {@code hoursAgo} hours ago and still within its exp. */
    public static String issuedHoursAgo(int hoursAgo, String role) {
        Instant issued = Instant.now().minusSeconds(hoursAgo * 3600L);
        return "Bearer " + Jwt.issuer(ISSUER).audience("ops-api").subject("tester").groups(Set.of(role))
                .issuedAt(issued).expiresAt(Instant.now().plusSeconds(3600)).sign(TestDatabase.signingKey());
    }

    public static String forAudience(String audience, String role) {
        return "Bearer " + Jwt.issuer(ISSUER).audience(audience).subject("tester").groups(Set.of(role))
                .expiresIn(300).sign(TestDatabase.signingKey());
    }

    public static String withoutGroups() {
        return "Bearer " + Jwt.issuer(ISSUER).audience("ops-api").subject("tester").expiresIn(300)
                .sign(TestDatabase.signingKey());
    }

    public static String fromOtherIssuer(String role) {
        return "Bearer " + Jwt.issuer("https://elsewhere.example").audience("ops-api").subject("tester")
                .groups(Set.of(role)).expiresIn(300).sign(TestDatabase.signingKey());
    }
}
