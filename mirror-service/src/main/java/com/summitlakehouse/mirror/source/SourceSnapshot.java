package com.summitlakehouse.mirror.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import javax.sql.DataSource;

/**
 * One consistent read of a source view: a read-only REPEATABLE READ transaction in which the fingerprint
 * ({@link SourceFingerprint}) and the rows ({@link GoldRows}) come from the same database snapshot. Rows stream from
 * a server-side cursor ({@code fetchSize} at a time), so memory stays flat at any table size.
 */
public final class SourceSnapshot implements AutoCloseable {

    private final Connection connection;
    private final SourceQuery query;
    private final List<SourceColumn> columns;
    private final int fetchSize;
    private final SourceFingerprint fingerprint;
    private final String comment;

    private SourceSnapshot(Connection connection, SourceQuery query, List<SourceColumn> columns, int fetchSize,
            SourceFingerprint fingerprint, String comment) {
        this.comment = comment;
        this.connection = connection;
        this.query = query;
        this.columns = columns;
        this.fetchSize = fetchSize;
        this.fingerprint = fingerprint;
    }

    /**
     * @param changeColumns the columns that identify a row and change whenever it does (its key and a trigger-kept
     *                      updated_at); the fingerprint hashes only these. Empty: every allowlisted column.
     */
    public static SourceSnapshot open(DataSource dataSource, String view, List<String> allowlist,
            List<String> changeColumns, int fetchSize) throws SQLException {
        SourceQuery query = new SourceQuery(view);
        allowlist.forEach(column -> SourceQuery.checkIdentifier("column", column));
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
            List<SourceColumn> columns = SourceViews.describe(connection, view, allowlist);
            SourceFingerprint fingerprint = SourceFingerprint.take(connection, query, columns,
                    changeColumns.isEmpty() ? allowlist : changeColumns);
            return new SourceSnapshot(connection, query, columns, fetchSize, fingerprint,
                    SourceViews.comment(connection, view));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** What the view says of itself (its COMMENT), for the gold table's description in the catalog. */
    public String comment() {
        return comment;
    }

    public List<SourceColumn> columns() {
        return columns;
    }

    public long rowCount() {
        return fingerprint.rowCount();
    }

    /**
     * Changes whenever the set of rows, any change column of any row (so, given a trigger-kept updated_at, any
     * allowlisted value), the view's definition, or the columns' names, types or comments change.
     */
    public String fingerprint() {
        return fingerprint.value();
    }

    public String select() {
        return query.select(columns.stream().map(SourceColumn::name).toList());
    }

    /** The rows, as values of the gold column types, read lazily through the cursor. */
    public Iterator<Object[]> rows() throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(fetchSize);
        return new GoldRows(statement.executeQuery(select()), columns, query.view());
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
