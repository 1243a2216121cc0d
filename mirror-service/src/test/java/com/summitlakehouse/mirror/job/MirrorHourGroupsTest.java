package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.summitlakehouse.delta.Column;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.delta.GroupLayout;
import com.summitlakehouse.delta.Lineage;
import com.summitlakehouse.delta.RowGroup;
import com.summitlakehouse.delta.TableSchema;
import com.summitlakehouse.mirror.source.SourceColumn;
import com.summitlakehouse.mirror.source.SourceSnapshot;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Groups are UTC hours of posted_at: a notified run (the hours the trigger named) fingerprints and rewrites only the
 * hours a hide or an ingestion batch touched, and a table the previous release wrote in day groups is rewritten once
 * whole, then incrementally again. A date column, which has no hours, keeps day groups.
 */
@QuarkusTest
class MirrorHourGroupsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MirrorJob job;

    @Inject
    MirrorConfig config;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void seed() {
        // 192 visible posts over 1 and 2 July: 4 in each of 48 hours, at minutes 5, 15, 25 and 35.
        SeededPosts.numbered(0, 191).postedFrom("2026-07-01 00:05:00+00", "hours => i / 4, mins => 10 * (i % 4)")
                .hashtags("'{}'").replaceAll();
    }

    @Test
    void aHideOfAnOldPostRewritesOnlyTheRowsOfItsHour() throws Exception {
        wholeRewrite();
        Map<String, List<Path>> before = MirrorIncrementalTest.filesByGroup();

        Set<String> hours = notifiedHours("UPDATE social_posts SET is_visible = false WHERE external_id = 'p21'");
        assertEquals(Set.of("2026-07-01T05"), hours);
        MirrorResult hide = notifiedRun(hours);

        assertEquals("rewrote 1 of 48 groups, 3 rows; fingerprinted 1 of 48 groups", hide.message(), hide.summary());
        Map<String, List<Path>> after = MirrorIncrementalTest.filesByGroup();
        before.forEach((group, files) -> {
            if (!group.equals("group-2026-07-01T05")) {
                assertEquals(files, after.get(group), group + " is not rewritten");
            }
        });
        assertEquals(SourceDatabase.visiblePostIds(), goldIds());
        // The hour fingerprinted alone made the same whole fingerprint a sweep makes.
        assertEquals(MirrorResult.Outcome.UNCHANGED, sweep().outcome());
    }

    @Test
    void anIngestionBatchTouchingTwoHoursRewritesThoseTwo() throws Exception {
        wholeRewrite();

        // A new post at 23:50 on 2 July and fresh engagement on p100 (2 July 01:05), one statement.
        Set<String> hours = notifiedHours("""
                INSERT INTO social_posts (platform, external_id, author_handle, posted_at, like_count, is_visible)
                VALUES ('tiktok', 'b1', '@b', timestamptz '2026-07-02 23:50:00+00', 0, true),
                       ('instagram', 'p100', '@a100', timestamptz '2026-07-02 01:05:00+00', 5000, true)
                ON CONFLICT (platform, external_id) DO UPDATE SET like_count = EXCLUDED.like_count""");
        assertEquals(Set.of("2026-07-02T01", "2026-07-02T23"), hours);
        MirrorResult batch = notifiedRun(hours);

        assertEquals("rewrote 2 of 48 groups, 9 rows; fingerprinted 2 of 48 groups", batch.message(),
                batch.summary());
        assertEquals(SourceDatabase.visiblePostIds(), goldIds());
        assertEquals(MirrorResult.Outcome.UNCHANGED, sweep().outcome());
    }

    @Test
    void aTableOfTheDayLayoutIsRewrittenOnceWholeThenIncrementally() throws Exception {
        writeAsThePreviousReleaseDid();
        assertEquals(Set.of("2026-07-01", "2026-07-02"), layoutGroups());

        MirrorResult moved = notifiedRun(notifiedHours(
                "UPDATE social_posts SET is_visible = false WHERE external_id = 'p21'"));
        assertTrue(moved.message().startsWith("whole table, 48 groups: the group layout of version ")
                && moved.message().endsWith("moving the table to the new layout once"), moved.summary());
        assertEquals(48, layoutGroups().size());
        assertTrue(layoutGroups().stream().allMatch(group -> group.matches("2026-07-0[12]T\\d\\d")), layoutGroups()
                .toString());
        assertEquals(SourceDatabase.visiblePostIds(), goldIds());

        MirrorResult next = notifiedRun(notifiedHours(
                "UPDATE social_posts SET is_visible = false WHERE external_id = 'p22'"));
        assertEquals("rewrote 1 of 48 groups, 2 rows; fingerprinted 1 of 48 groups", next.message(), next.summary());
        assertEquals(SourceDatabase.visiblePostIds(), goldIds());
    }

    @Test
    void aViewGroupedByADateColumnKeepsDayGroupsAndTakesNotifiedHoursAsTheirDays() throws Exception {
        SourceDatabase.execute("""
                CREATE OR REPLACE VIEW mirror.post_days AS
                SELECT platform, external_id, (posted_at AT TIME ZONE 'UTC')::date AS posted_on, updated_at
                  FROM social_posts WHERE is_visible;
                COMMENT ON COLUMN mirror.post_days.platform IS 'Where it was posted';
                COMMENT ON COLUMN mirror.post_days.external_id IS 'Its id there';
                COMMENT ON COLUMN mirror.post_days.posted_on IS 'The UTC day it was posted';
                COMMENT ON COLUMN mirror.post_days.updated_at IS 'When it last changed (UTC timestamp)';""");
        try {
            GoldTable table = MirrorIncrementalTest.table("gold/post_days");
            GoldTableMirror days = new GoldTableMirror("post_days", dayView(), table, dataSource, "test", "test");
            MirrorResult whole = days.run(true);
            assertEquals("whole table, 2 groups", whole.message(), whole.summary());

            Set<String> hours = notifiedHours("UPDATE social_posts SET is_visible = false WHERE external_id = 'p21'");
            MirrorResult hide = days.run(false, Optional.of(hours));
            assertEquals("rewrote 1 of 2 groups, 95 rows; fingerprinted 1 of 2 groups", hide.message(),
                    hide.summary());
            assertEquals(Set.of("2026-07-01", "2026-07-02"),
                    table.current().orElseThrow().groups().orElseThrow().fingerprints().keySet());
            assertEquals(MirrorResult.Outcome.UNCHANGED, days.run(false).outcome());
        } finally {
            SourceDatabase.execute("DROP VIEW mirror.post_days");
        }
    }

    /** A mirror of mirror.post_days, grouped by its date column. */
    private static MirrorConfig.Mirror dayView() {
        return new MirrorConfig.Mirror() {
            public String source() {
                return "mirror.post_days";
            }

            public List<String> columns() {
                return List.of("platform", "external_id", "posted_on", "updated_at");
            }

            public Optional<List<String>> changeColumns() {
                return Optional.of(List.of("platform", "external_id", "updated_at"));
            }

            public Optional<String> groupBy() {
                return Optional.of("posted_on");
            }

            public String table() {
                return "gold/post_days";
            }

            public Optional<List<String>> textStatistics() {
                return Optional.empty();
            }
        };
    }

    private void wholeRewrite() {
        MirrorResult whole = job.mirror("social_posts", config.mirrors().get("social_posts")).run(true);
        assertEquals("whole table, 48 groups", whole.message(), whole.summary());
    }

    /** A run that fingerprints every group, as the sweep does. */
    private MirrorResult sweep() {
        return job.mirror("social_posts", config.mirrors().get("social_posts")).run(false);
    }

    /** A run as a notification naming {@code hours} starts it. */
    private MirrorResult notifiedRun(Set<String> hours) {
        List<MirrorResult> results = job.runChanged(Map.of("social_posts", Optional.of(hours)));
        assertEquals(1, results.size());
        assertEquals(MirrorResult.Outcome.MIRRORED, results.get(0).outcome(), results.get(0).summary());
        return results.get(0);
    }

    /**
     * The hours the triggers name for the posts {@code sql} changes: one notification per statement and event (an
     * upsert that inserts and updates sends two).
     */
    private static Set<String> notifiedHours(String sql) throws Exception {
        try (Connection listener = SourceDatabase.connect(); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN public_changes");
            SourceDatabase.execute(sql);
            Set<String> hours = new TreeSet<>();
            PGConnection pg = listener.unwrap(PGConnection.class);
            // Notifications arrive at commit: wait for the first, then until none follows for half a second.
            PGNotification[] received = pg.getNotifications(10_000);
            while (received != null && received.length > 0) {
                for (PGNotification notification : received) {
                    JSON.readTree(notification.getParameter()).get("hours").forEach(hour -> hours.add(hour.asText()));
                }
                received = pg.getNotifications(500);
            }
            return hours;
        }
    }

    /**
     * The posts table as the previous release left it: the view's rows in one group per UTC day, its layout
     * recorded under that release's signature, committed by this job.
     */
    private void writeAsThePreviousReleaseDid() throws Exception {
        MirrorConfig.Mirror posts = config.mirrors().get("social_posts");
        GoldTable table = MirrorIncrementalTest.table(posts.table());
        try (SourceSnapshot source = SourceSnapshot.open(dataSource, posts.source(), posts.columns(),
                posts.changeColumns().orElse(List.of()), Optional.empty())) {
            List<SourceColumn> columns = source.columns();
            int postedAt = columns.stream().map(SourceColumn::name).toList().indexOf("posted_at");
            Map<String, List<Object[]>> days = new TreeMap<>();
            source.rows().forEachRemaining(row -> days.computeIfAbsent(
                    LocalDate.ofInstant((Instant) row[postedAt], ZoneOffset.UTC).toString(),
                    day -> new ArrayList<>()).add(row));
            List<RowGroup> groups = new ArrayList<>();
            Map<String, String> fingerprints = new TreeMap<>();
            days.forEach((day, rows) -> {
                groups.add(new RowGroup(day, rows.size(), rows::iterator));
                fingerprints.put(day, rows.size() + ":0");
            });
            TableSchema schema = new TableSchema(columns.stream()
                    .map(c -> new Column(c.name(), c.type(), true, c.description())).toList())
                    .withStatisticsOn(Set.of("posted_at"));
            table.overwrite(schema, groups, new GroupLayout("utc-day(posted_at);statistics=posted_at", fingerprints),
                    new Lineage("test#" + posts.source(), "day-layout", GoldTableMirror.JOB, "previous",
                            source.rowCount()), table.current());
        }
    }

    private Set<String> layoutGroups() {
        return MirrorIncrementalTest.table(config.mirrors().get("social_posts").table()).current().orElseThrow()
                .groups().orElseThrow().fingerprints().keySet();
    }

    private Set<String> goldIds() {
        return MirrorJobTest.ids(new GoldTableReader(MirrorIncrementalTest.table(
                config.mirrors().get("social_posts").table())).readLatest());
    }
}
