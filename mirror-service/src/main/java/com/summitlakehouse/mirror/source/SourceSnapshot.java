package com.summitlakehouse.mirror.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * One consistent read of a source view: a read-only REPEATABLE READ transaction in which the fingerprint and the
 * rows come from the same database snapshot. Rows stream from a server-side cursor ({@code fetchSize} at a time),
 * so memory stays flat at any table size.
 */
public final class SourceSnapshot implements AutoCloseable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Connection connection;
    private final String view;
    private final List<SourceColumn> columns;
    private final String select;
    private final List<String> changeColumns;
    private final int fetchSize;
    private long rowCount;
    private String fingerprint;

    private SourceSnapshot(Connection connection, String view, List<SourceColumn> columns, List<String> changeColumns,
            int fetchSize) {
        this.connection = connection;
        this.view = view;
        this.columns = columns;
        this.changeColumns = changeColumns;
        this.fetchSize = fetchSize;
        this.select = select(columns.stream().map(SourceColumn::name).toList());
    }

    /**
     * @param changeColumns the columns that identify a row and change whenever it does (its key and a trigger-kept
     *                      updated_at); the fingerprint hashes only these. Empty: every allowlisted column.
     */
    public static SourceSnapshot open(DataSource dataSource, String view, List<String> allowlist,
            List<String> changeColumns, int fetchSize) throws SQLException {
        for (String part : view.split("\\.", -1)) {
            checkIdentifier("source", part);
        }
        allowlist.forEach(column -> checkIdentifier("column", column));
        for (String column : changeColumns) {
            if (!allowlist.contains(column)) {
                throw new MirrorSourceException("Change column " + column + " of " + view
                        + " is not one of its allowlisted columns");
            }
        }
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            SourceSnapshot snapshot = new SourceSnapshot(connection, view,
                    SourceViews.describe(connection, view, allowlist),
                    changeColumns.isEmpty() ? allowlist : changeColumns, fetchSize);
            snapshot.measure();
            return snapshot;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    public List<SourceColumn> columns() {
        return columns;
    }

    public long rowCount() {
        return rowCount;
    }

    /**
     * Changes whenever the set of rows, any change column of any row (so, given a trigger-kept updated_at, any
     * allowlisted value), the view's definition, or the columns' names, types or comments change.
     */
    public String fingerprint() {
        return fingerprint;
    }

    public String select() {
        return select;
    }

    /** The rows, as values of the gold column types, read lazily through the cursor. */
    public Iterator<Object[]> rows() throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        return new RowIterator(statement.executeQuery(select));
    }

    /**
     * Row count and an order-independent sum of 64-bit hashes of each row's change columns, taken in the same
     * snapshot as the rows, plus what the catalog says of the view: a changed definition or comment re-mirrors too.
     */
    private void measure() throws SQLException {
        String definition;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_get_viewdef(to_regclass(?))")) {
            statement.setString(1, view);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                definition = String.valueOf(result.getString(1));
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*), coalesce(sum(hashtextextended(t::text, 0)"
                        + "::numeric), 0) FROM (" + select(changeColumns) + ") AS t")) {
            result.next();
            rowCount = result.getLong(1);
            String columnsSignature = columns.stream()
                    .map(c -> c.name() + " " + c.postgresType() + " " + c.description())
                    .collect(Collectors.joining(","));
            fingerprint = sha256(String.join("|", view, definition, columnsSignature, String.join(",", changeColumns),
                    Long.toString(rowCount), result.getBigDecimal(2).toPlainString()));
        }
    }

    private String select(List<String> names) {
        return "SELECT " + names.stream().map(SourceSnapshot::quote).collect(Collectors.joining(", "))
                + " FROM " + Arrays.stream(view.split("\\.")).map(SourceSnapshot::quote).collect(Collectors.joining("."));
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }

    private final class RowIterator implements Iterator<Object[]>, AutoCloseable {
        private final ResultSet result;
        private boolean ready;
        private boolean done;

        RowIterator(ResultSet result) {
            this.result = result;
        }

        @Override
        public boolean hasNext() {
            if (!ready && !done) {
                try {
                    ready = result.next();
                    done = !ready;
                } catch (SQLException e) {
                    throw new MirrorSourceException("Reading " + view + " failed: " + e.getMessage());
                }
            }
            return ready;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ready = false;
            try {
                Object[] row = new Object[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = value(columns.get(i), i + 1);
                }
                return row;
            } catch (SQLException e) {
                throw new MirrorSourceException("Reading " + view + " failed: " + e.getMessage());
            }
        }

        private Object value(SourceColumn column, int index) throws SQLException {
            Object value = switch (column.type()) {
                case STRING -> result.getString(index);
                case INTEGER -> result.getInt(index);
                case LONG -> result.getLong(index);
                case BOOLEAN -> result.getBoolean(index);
                case DATE -> result.getObject(index, LocalDate.class);
                case TIMESTAMP -> {
                    OffsetDateTime at = result.getObject(index, OffsetDateTime.class);
                    yield at == null ? null : at.toInstant();
                }
                case STRING_ARRAY -> {
                    Array array = result.getArray(index);
                    yield array == null ? null : Arrays.asList((String[]) array.getArray());
                }
            };
            return result.wasNull() ? null : value;
        }

        @Override
        public void close() throws SQLException {
            result.getStatement().close();
        }
    }

    private static void checkIdentifier(String what, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new MirrorSourceException("Invalid " + what + " name '" + name + "'");
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
