package com.summitlakehouse.ops.sso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person at the console without a browser: the authorization-code flow over plain HTTP, redirects followed and
 * Keycloak's login form filled in by hand. Cookies are kept per host, Secure ones included: a browser sends those
 * to http://localhost too, while the JDK's cookie store would not.
 */
final class ConsoleVisitor {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern FORM_TAG = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final Map<String, Map<String, String>> cookies = new HashMap<>();

    /**
     * Asks for {@code page}, signs in at the provider's login form where sent there, and follows the way back
     * (/console/callback, then the page asked for): the last answer.
     */
    HttpResponse<String> signIn(URI page, String username, String password) {
        HttpResponse<String> login = follow(get(page, Map.of()));
        Matcher form = FORM_TAG.matcher(login.body());
        if (login.statusCode() != 200 || !form.find()) {
            throw new AssertionError("no login form at " + login.uri() + " (" + login.statusCode() + "): "
                    + login.body());
        }
        Matcher action = ACTION.matcher(form.group());
        if (!action.find()) {
            throw new AssertionError("the login form has no action: " + form.group());
        }
        URI target = login.uri().resolve(action.group(1).replace("&amp;", "&"));
        return follow(post(target, Map.of("username", username, "password", password, "credentialId", "")));
    }

    /** The CSRF token a console page's forms carry. */
    static String csrfToken(HttpResponse<String> page) {
        Matcher token = CSRF.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + page.uri() + ": " + page.body());
        }
        return token.group(1);
    }

    HttpResponse<String> follow(HttpResponse<String> answer) {
        for (int hops = 0; hops < 10 && answer.statusCode() / 100 == 3; hops++) {
            URI next = answer.uri().resolve(answer.headers().firstValue("Location").orElseThrow());
            answer = get(next, Map.of());
        }
        return answer;
    }

    HttpResponse<String> get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return send(request);
    }

    HttpResponse<String> post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        URI uri = request.build().uri();
        Map<String, String> jar = cookies.computeIfAbsent(uri.getAuthority(), host -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            request.header("Cookie", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String setCookie : answer.headers().allValues("Set-Cookie")) {
                keep(jar, setCookie);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void keep(Map<String, String> jar, String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int equals = pair.indexOf('=');
        String name = pair.substring(0, equals).strip();
        String value = pair.substring(equals + 1).strip();
        String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
        if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
            jar.remove(name);
        } else {
            jar.put(name, value);
        }
    }
}
