package com.summitlakehouse.mirror.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.summitlakehouse.mirror.support.PgBouncer;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two threads read the groups of one snapshot at once, each on a connection of its own, and both see the snapshot:
 * rows changed after it was taken are not seen by either, and the sibling connection is ended with it; also through
 * a transaction-mode PgBouncer.
 */
@QuarkusTest
class SnapshotReadersTest {

    static final List<String> COLUMNS = List.of("platform", "external_id", "posted_at", "like_count");

    @Inject
    AgroalDataSource dataSource;

    private static long likes(Iterator<Object[]> rows) {
        long likes = 0;
        while (rows.hasNext()) {
            likes += (Integer) rows.next()[3];
        }
        return likes;
    }

    @Test
    void twoReadersOnTwoConnectionsSeeOneSnapshot() throws Exception {
        assertBothReadersSeeTheSnapshot(dataSource, true);
    }

    /** Through a transaction-mode pooler, which keeps each transaction on one server connection. */
    @Test
    @EnabledIf(value = "com.summitlakehouse.mirror.support.PgBouncer#available",
            disabledReason = "PgBouncer is not installed (apt-get install pgbouncer)")
    void twoReadersBehindATransactionModePoolerSeeOneSnapshot() throws Exception {
        try (PgBouncer pooler = PgBouncer.start(SourceDatabase.SERVER.host(), SourceDatabase.SERVER.port(),
                SourceDatabase.SERVER.user())) {
            PGSimpleDataSource pooled = new PGSimpleDataSource();
            pooled.setUrl("jdbc:postgresql://127.0.0.1:" + pooler.port + "/" + SourceDatabase.name()
                    + "?sslmode=disable&ApplicationName=mirror-service");
            pooled.setUser(SourceDatabase.SERVER.user());
            pooled.setPassword(SourceDatabase.SERVER.password());
            assertBothReadersSeeTheSnapshot(pooled, false);
        }
    }

    private static void assertBothReadersSeeTheSnapshot(DataSource dataSource, boolean countBackends)
            throws Exception {
        // 40 posts, 10 in each of 4 hours, one like each.
        SeededPosts.numbered(1, 40).named("'x'", "'snap' || i", "'@s'")
                .postedFrom("2026-07-01 00:00:00+00", "mins => i * 6 - 1").likes("1").replaceAll();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (SourceSnapshot snapshot = SourceSnapshot.open(dataSource, "mirror.social_posts", COLUMNS,
                List.of("platform", "external_id"), Optional.of("posted_at"))) {
            List<String> groups = new ArrayList<>(snapshot.groups().keySet());
            assertEquals(4, groups.size(), groups.toString());
            // After the snapshot: every post gets a hundred more likes.
            SourceDatabase.execute("UPDATE social_posts SET like_count = like_count + 100");
            Set<Integer> backends = new HashSet<>();
            List<CompletableFuture<Long>> sums = new ArrayList<>();
            for (int lane = 0; lane < 2; lane++) {
                List<String> mine = List.of(groups.get(lane), groups.get(lane + 2));
                sums.add(CompletableFuture.supplyAsync(() -> {
                    long likes = 0;
                    for (String group : mine) {
                        try {
                            likes += likes(snapshot.rowsOf(group));
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return likes;
                }, threads));
            }
            assertEquals(20L, sums.get(0).get());
            assertEquals(20L, sums.get(1).get());
            if (!countBackends) {
                return;
            }
            try (Connection admin = SourceDatabase.connect(); Statement statement = admin.createStatement();
                    ResultSet readers = statement.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = "
                            + "current_database() AND application_name = 'mirror-service' AND xact_start IS NOT NULL"
                            + " AND query LIKE 'COPY (%'")) {
                while (readers.next()) {
                    backends.add(readers.getInt(1));
                }
            }
            assertEquals(2, backends.size(), "each reader has its own connection: " + backends);
        } finally {
            threads.shutdown();
        }
        try (Connection admin = SourceDatabase.connect(); Statement statement = admin.createStatement();
                ResultSet open = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                        + "current_database() AND application_name = 'mirror-service' AND state <> 'idle'")) {
            open.next();
            assertEquals(0, open.getInt(1), "no reader's transaction outlives the snapshot");
        }
    }
}
