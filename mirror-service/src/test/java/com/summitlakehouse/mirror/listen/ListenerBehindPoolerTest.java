package com.summitlakehouse.mirror.listen;

import com.summitlakehouse.testing.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.testing.Eventually;
import com.summitlakehouse.mirror.support.PgBouncer;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The listening connection pointed at a transaction-mode PgBouncer: LISTEN is accepted and nothing is ever delivered.
 * The listener notices (its own notification never arrives), reports mirror_listening 0, says so in one line, and
 * the sweep still mirrors.
 */
@QuarkusTest
@TestProfile(ListenerBehindPoolerTest.BehindPooler.class)
@EnabledIf(value = "com.summitlakehouse.mirror.support.PgBouncer#available",
        disabledReason = "PgBouncer is not installed (apt-get install pgbouncer)")
class ListenerBehindPoolerTest {

    static PgBouncer pooler;
    static Path log;

    public static class BehindPooler implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (!PgBouncer.available()) {
                return Map.of(); // read at discovery, before @EnabledIf skips the class
            }
            try {
                log = TempFiles.file("mirror-pooler", ".log");
                pooler = PgBouncer.start(SourceDatabase.SERVER.host(), SourceDatabase.SERVER.port(),
                        SourceDatabase.SERVER.user());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            // The database's name is the suite's (known once WithSourceDatabase started): any name passes `*`.
            return Map.of("mirror.listen.enabled", "true", "mirror.listen.connect-timeout", "3s",
                    "mirror.listen.url", "jdbc:postgresql://127.0.0.1:" + pooler.port + "/${lakebase_db}"
                            + "?sslmode=disable",
                    "quarkus.log.file.enabled", "true", "quarkus.log.file.path", log.toString());
        }
    }

    @Inject
    ChangeListener listener;

    @Inject
    MeterRegistry metrics;

    @AfterAll
    static void stopPooler() {
        if (pooler != null) {
            pooler.close();
        }
    }

    @Test
    void aPoolerThatForwardsNoNotificationIsReportedAsNotListeningInOneLine() throws Exception {
        Eventually.await("the listener finds that nothing is delivered", Duration.ofSeconds(20),
                () -> listener.state() == ChangeListener.State.UNHEARD);
        assertEquals(0.0, metrics.get("mirror.listening").gauge().value());
        long lines = Files.readAllLines(log).stream().filter(l -> l.contains("Listening for changes is off")).count();
        assertEquals(1, lines, Files.readString(log));
        String line = Files.readAllLines(log).stream().filter(l -> l.contains("Listening for changes is off"))
                .findFirst().orElseThrow();
        assertTrue(line.contains("mirror.listen.url") && line.contains("127.0.0.1:" + pooler.port), line);
        // A run does not wait for a listener that will not come.
        long started = System.nanoTime();
        listener.listenBeforeRun();
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(1).toNanos());
    }
}
