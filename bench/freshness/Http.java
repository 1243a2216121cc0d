package bench.freshness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON requests to ops-api, with or without a bearer token. */
final class Http {
    record Answer(int status, String body) {
    }

    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Http(String base) {
        this.base = base;
    }

    /** Status -1: no answer (an I/O failure or a timeout). */
    Answer send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }

    void expect2xx(String method, String path, String token, String json) {
        Answer answer = send(method, path, token, json);
        if (answer.status() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": "
                    + answer.body());
        }
    }
}
