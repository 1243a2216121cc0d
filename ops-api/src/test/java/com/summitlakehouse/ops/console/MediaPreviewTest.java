package com.summitlakehouse.ops.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.posts.Platform;
import com.summitlakehouse.ops.posts.Post;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Previews only from the configured media hosts (the test profile lists https://cdn.example.com). */
@QuarkusTest
class MediaPreviewTest {

    @Inject
    MediaPreview media;

    @Inject
    @Location("console/preview.html")
    Template preview;

    static Post post(String mediaUrl) {
        return new Post(1, Platform.INSTAGRAM, "p-1", "@roadtripper", "Sunrise", "https://www.instagram.com/p/p-1/",
                mediaUrl, List.of(), OffsetDateTime.now(), 0, 0, 0);
    }

    String render(String mediaUrl) {
        return preview.data("post", post(mediaUrl)).data("media", media).render();
    }

    @Test
    void aPostWhoseMediaHostIsNotListedShowsNoImageOnlyTheWordsWhy() {
        String listed = render("https://cdn.example.com/m/1.jpg");
        assertTrue(listed.contains("<img src=\"https://cdn.example.com/m/1.jpg\""), listed);
        assertTrue(listed.contains("href=\"https://www.instagram.com/p/p-1/\""), "links to the original post: " + listed);
        for (String elsewhere : List.of("https://tracker.example.net/pixel.gif", "http://cdn.example.com/m/1.jpg",
                "https://cdn.example.com.evil.example/1.jpg", "https://cdn.example.com@evil.example/1.jpg",
                "https://cdn.example.com:8443/1.jpg", "https://cdn.example.com/m/clip.mp4")) {
            String page = render(elsewhere);
            assertFalse(page.contains("<img"), elsewhere + " -> " + page);
            assertTrue(page.contains("No preview"), page);
        }
    }

    @Test
    void theConsolesContentSecurityPolicyAllowsImagesFromTheConfiguredHostsOnly() {
        String csp = given().when().get("/console/signed-out").then().statusCode(200).extract()
                .header("Content-Security-Policy");
        Matcher img = Pattern.compile("img-src ([^;]*);").matcher(csp);
        assertTrue(img.find(), csp);
        assertEquals("'self' https://cdn.example.com", img.group(1).strip());
        assertTrue(csp.contains("default-src 'none'"), csp);
    }

    @Test
    void sourcesAreHttpsHostSourcesAndWildcardsMatchSubdomainsAsCspDoes() {
        for (String bad : List.of("http://cdn.example.com", "https://cdn.example.com; script-src *", "*",
                "'unsafe-inline'", "https://cdn.example.com/path", "data:")) {
            assertThrows(IllegalArgumentException.class, () -> MediaPreview.parse(bad), bad);
        }
        MediaPreview wildcard = new MediaPreview(Optional.of("https://*.cdninstagram.com  https://media.example:8443"));
        assertTrue(wildcard.shows("https://scontent.cdninstagram.com/v/1.jpg"));
        assertFalse(wildcard.shows("https://cdninstagram.com/v/1.jpg"), "the wildcard is for subdomains only");
        assertFalse(wildcard.shows("https://evilcdninstagram.com/v/1.jpg"));
        assertTrue(wildcard.shows("https://media.example:8443/a.png"));
        assertFalse(wildcard.shows("https://media.example/a.png"), "another port is another source");
        assertFalse(new MediaPreview(Optional.empty()).shows("https://cdn.example.com/m/1.jpg"), "none listed: none");
    }
}
