package com.summitlakehouse.ops.signin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What a production start needs to sign people in and to reach the database as configured, each value checked for
 * being there and for not being a placeholder left from an example ({@code CHANGE-ME}, {@code <...>}, an
 * {@code example.com} or {@code .example} host). One line per problem, each naming the key and where it is set.
 */
public final class SignInSettings {

    static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)change-?me|<[^>]*>|://([^/]*\\.)?example\\.(com|org|net)([:/]|$)|://[^/]*\\.example([:/]|$)");

    private final Function<String, Optional<String>> config;
    private final List<String> problems = new ArrayList<>();

    private SignInSettings(Function<String, Optional<String>> config) {
        this.config = key -> config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /** The problems of the given configuration (empty: fine); {@code config} answers a key's value if it is set. */
    public static List<String> problems(Function<String, Optional<String>> config) {
        SignInSettings check = new SignInSettings(config);
        check.check();
        return List.copyOf(check.problems);
    }

    private void check() {
        Optional<String> provider = value("ops_oidc_server_url");
        boolean console = value("ops_console_enabled").map(Boolean::parseBoolean).orElse(false);
        boolean adminSignIn = value("quarkus.oidc.tenant-enabled").map(Boolean::parseBoolean).orElse(true);
        if (adminSignIn && provider.isEmpty() && value("jwt_public_key").isEmpty()) {
            problems.add("ops_oidc_server_url is missing: set the identity provider's URL (or, without a provider, "
                    + "jwt_public_key) in the secret directory or the ops-api-sign-in ConfigMap");
        }
        if (provider.isPresent() || console) {
            required("ops_oidc_issuer", "the issuer every token must name, as the provider's discovery document "
                    + "gives it (Keycloak: https://<host>/realms/<realm>; Entra ID: "
                    + "https://login.microsoftonline.com/<tenant>/v2.0; Okta: https://<org>.okta.com/oauth2/<server>)");
        }
        if (console) {
            if (provider.isEmpty()) {
                problems.add("ops_oidc_server_url is missing: the console (ops_console_enabled=true) signs in at a "
                        + "provider");
            }
            secret("ops_console_client_secret", "the console client's secret (file in the secret directory)");
        }
        for (String key : List.of("ops_oidc_server_url", "ops_oidc_audience", "ops_console_client_id",
                "ops_oidc_roles_claim", "ops_console_roles_claim")) {
            placeholder(key);
        }
        if (value("quarkus.http.proxy.proxy-address-forwarding").map(Boolean::parseBoolean).orElse(false)) {
            required("quarkus.http.proxy.trusted-proxies", "the proxies (CIDR) whose X-Forwarded-* headers are "
                    + "believed, e.g. the ingress controller's pod range");
        }
        String sslMode = value("quarkus.datasource.reactive.postgresql.ssl-mode").orElse("").toLowerCase(Locale.ROOT);
        if (sslMode.startsWith("verify")) {
            Optional<String> ca = value("quarkus.datasource.reactive.trust-certificate-pem.certs");
            if (ca.isEmpty() || !Files.isReadable(Path.of(ca.get().split(",")[0].strip()))) {
                problems.add("quarkus.datasource.reactive.trust-certificate-pem.certs "
                        + ca.map(path -> "is not readable (" + path + ")").orElse("is missing")
                        + ": ssl-mode " + sslMode + " needs the database's CA (lakebase_ca.pem in the secret)");
            }
        }
    }

    private Optional<String> value(String key) {
        return config.apply(key);
    }

    private void required(String key, String what) {
        if (value(key).isEmpty()) {
            problems.add(key + " is missing: " + what);
        } else {
            placeholder(key);
        }
    }

    private void secret(String key, String what) {
        Optional<String> value = value(key);
        if (value.isEmpty()) {
            problems.add(key + " is missing: " + what);
        } else if (PLACEHOLDER.matcher(value.get()).find()) {
            problems.add(key + " is a placeholder: " + what);
        }
    }

    private void placeholder(String key) {
        value(key).filter(v -> PLACEHOLDER.matcher(v).find()).ifPresent(v -> {
            if (problems.stream().noneMatch(p -> p.startsWith(key + " "))) {
                problems.add(key + " is a placeholder (" + v + "): set the site's value");
            }
        });
    }
}
