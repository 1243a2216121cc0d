package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
class MirrorOnceTest {

    @Test
    void exitsZeroWithOneSummaryLinePerMirror(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--once");
        assertEquals(0, result.exitCode(), result.getOutput());
        String out = result.getOutput();
        assertTrue(out.matches("(?s).*mirror social_posts: (mirrored|unchanged) rows=\\d+ version=\\d+ duration=\\d+ms.*"), out);
        assertTrue(out.matches("(?s).*mirror qa_published: (mirrored|unchanged) rows=\\d+ version=\\d+ duration=\\d+ms.*"), out);
        assertEquals(2, out.lines().filter(line -> line.contains("MirrorJob] mirror ")).count(),
                "one run only, not the schedule's beside it: " + out);
    }
}
