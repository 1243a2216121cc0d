package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A mirror that fails makes {@code --once} exit 1, so that the CronJob shows the failure; the others still run. */
@QuarkusMainTest
@TestProfile(MirrorOnceFailureTest.MissingView.class)
class MirrorOnceFailureTest {

    /** The posts mirror reads a view that does not exist, as after a migration gone wrong. */
    public static class MissingView implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MissingViewConfig.class));
        }
    }

    public static class MissingViewConfig implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            return Map.of("mirror.mirrors.social_posts.source", "mirror.no_such_view");
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void exitsOneWhenAMirrorFails(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--once");
        assertEquals(1, result.exitCode(), result.getOutput());
        String out = result.getOutput() + result.getErrorOutput();
        assertTrue(out.matches("(?s).*mirror social_posts: failed rows=0 version=- duration=\\d+ms "
                + "\\(Source view mirror.no_such_view does not exist.*"), out);
        assertTrue(out.matches("(?s).*mirror qa_published: (mirrored|unchanged) rows=\\d+.*"), out);
    }
}
