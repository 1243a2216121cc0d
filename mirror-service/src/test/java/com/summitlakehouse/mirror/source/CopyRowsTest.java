package com.summitlakehouse.mirror.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.Column;
import com.summitlakehouse.delta.ColumnType;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.delta.Lineage;
import com.summitlakehouse.delta.TableSchema;
import com.summitlakehouse.testing.TempFiles;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows decoded from PostgreSQL's binary COPY are the values the JDBC driver reads from the same query: every gold
 * type with NULLs, text beyond ASCII, negative numbers, dates and times before 2000 and before 1970 (PostgreSQL counts
 * from 2000), microseconds, and arrays that are empty, hold NULL elements or are NULL; one by one and written into a
 * Delta table column by column. Values a gold table cannot hold are refused by name.
 */
@QuarkusTest
class CopyRowsTest {

    static final String SELECT = "SELECT id, label, amount, big, flag, day, at, tags FROM copy_edges ORDER BY id";
    static final List<SourceColumn> COLUMNS = List.of(
            new SourceColumn("id", "bigint", ColumnType.LONG, "id"),
            new SourceColumn("label", "text", ColumnType.STRING, "label"),
            new SourceColumn("amount", "integer", ColumnType.INTEGER, "amount"),
            new SourceColumn("big", "bigint", ColumnType.LONG, "big"),
            new SourceColumn("flag", "boolean", ColumnType.BOOLEAN, "flag"),
            new SourceColumn("day", "date", ColumnType.DATE, "day"),
            new SourceColumn("at", "timestamp with time zone", ColumnType.TIMESTAMP, "at"),
            new SourceColumn("tags", "text[]", ColumnType.STRING_ARRAY, "tags"));

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void seed() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS copy_edges");
            statement.execute("CREATE TABLE copy_edges (id bigint PRIMARY KEY, label varchar(40), amount integer, "
                    + "big bigint, flag boolean, day date, at timestamptz, tags text[])");
            statement.execute("""
                    INSERT INTO copy_edges VALUES
                      (1, 'plain', 42, 9000000000, true, '2026-07-04', '2026-07-04 12:34:56.123456+00', '{a,b}'),
                      (2, 'Zürich — 東京 😀', -7, -9000000000, false, '1999-12-31', '1999-12-31 23:59:59.999999+00',
                       '{}'),
                      (3, '', 0, 0, NULL, '1969-07-20', '1969-07-20 20:17:40.000001+00', ARRAY['x', NULL, 'ü']),
                      (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                      (5, 'w', 2147483647, -9223372036854775808, true, '2000-01-01', '2000-01-01 00:00:00+00',
                       ARRAY[NULL]::text[])""");
            statement.execute("INSERT INTO copy_edges SELECT i, 'row ' || i, i, i, i % 2 = 0, '2026-01-01'::date + i,"
                    + " '2026-01-01'::timestamptz + i * interval '1 second', ARRAY['t' || i]"
                    + " FROM generate_series(6, 5000) AS i");
        }
    }

    /** What the JDBC driver reads from the same query, as gold values. */
    private List<List<Object>> readByJdbc() throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(SELECT)) {
            while (result.next()) {
                OffsetDateTime at = result.getObject(7, OffsetDateTime.class);
                Array tags = result.getArray(8);
                rows.add(Arrays.asList(result.getObject(1), result.getObject(2), result.getObject(3),
                        result.getObject(4), result.getObject(5), result.getObject(6, LocalDate.class),
                        at == null ? null : at.toInstant(), tags == null ? null : Arrays.asList((String[]) tags.getArray())));
            }
        }
        return rows;
    }

    @Test
    void rowsOneByOneAreWhatJdbcReads() throws Exception {
        List<List<Object>> decoded = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                CopyRows rows = CopyRows.open(connection, SELECT, COLUMNS, "copy_edges")) {
            rows.forEachRemaining(row -> decoded.add(Arrays.asList(row)));
            assertFalse(rows.hasNext());
        }
        assertEquals(readByJdbc(), decoded);
    }

    @Test
    void rowsWrittenColumnByColumnReadBackFromDeltaAsJdbcReadsThem() throws Exception {
        TableSchema schema = new TableSchema(COLUMNS.stream()
                .map(c -> new Column(c.name(), c.type(), !c.name().equals("id"), c.description())).toList());
        GoldTable table = new GoldTable(TempFiles.directory("copy-rows").resolve("t").toString(),
                GoldTableOptions.defaults());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Iterator<Object[]> rows = CopyRows.open(connection, SELECT, COLUMNS, "copy_edges");
            table.overwrite(schema, rows, new Lineage("test://copy", "fp", "test", "1", 5000));
            connection.rollback();
        }
        Map<Long, List<Object>> read = new GoldTableReader(table).readLatest().stream()
                .collect(Collectors.toMap(r -> (Long) r.get("id"), r -> new ArrayList<>(r.values())));
        List<List<Object>> expected = readByJdbc();
        assertEquals(expected.size(), read.size());
        for (List<Object> row : expected) {
            assertEquals(row, read.get((Long) row.get(0)), "row " + row.get(0));
        }
    }

    @Test
    void valuesAGoldTableCannotHoldAreRefusedByName() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (CopyRows rows = CopyRows.open(connection, "SELECT 1::bigint, 'x'::text, 1, 1::bigint, true, "
                    + "'2026-01-01'::date, 'infinity'::timestamptz, '{}'::text[]", COLUMNS, "copy_edges")) {
                MirrorSourceException infinite = assertThrows(MirrorSourceException.class, rows::next);
                assertTrue(infinite.getMessage().contains("infinity in column at"), infinite.getMessage());
            }
            try (CopyRows rows = CopyRows.open(connection, "SELECT 1::bigint, 'x'::text, 1, 1::bigint, true, "
                    + "'2026-01-01'::date, now(), '{{a,b},{c,d}}'::text[]", COLUMNS, "copy_edges")) {
                MirrorSourceException grid = assertThrows(MirrorSourceException.class, rows::next);
                assertTrue(grid.getMessage().contains("2-dimensional array in column tags"), grid.getMessage());
            }
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT 1")) {
                assertTrue(result.next(), "the connection is usable after a COPY that was not read to its end");
            }
        }
    }

    @Test
    void aCopyLeftBeforeItsEndIsStoppedAndTheConnectionServesTheNextQuery() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            try (CopyRows rows = CopyRows.open(connection, SELECT, COLUMNS, "copy_edges")) {
                assertEquals(1L, rows.next()[0]);
            }
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT count(*) FROM copy_edges")) {
                assertTrue(result.next());
                assertEquals(5000, result.getInt(1));
            }
        }
    }
}
